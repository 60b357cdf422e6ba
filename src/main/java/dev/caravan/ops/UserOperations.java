package dev.caravan.ops;

import dev.caravan.api.OperationRegistry;
import dev.caravan.auth.UserStore;

/** Users and roles. */
public class UserOperations {
    private final UserStore users;

    public UserOperations(UserStore users) {
        this.users = users;
    }

    public void register(OperationRegistry registry) {
        // filled in by the users work
    }
}
