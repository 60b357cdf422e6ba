package dev.caravan.core;

import java.lang.reflect.InvocationTargetException;

/**
 * The failure a message is made from, for an API answer and a job's ERROR alike: Camel's wrappers
 * (its exceptions carrying the cause a bean or endpoint threw) and reflection's are taken off; a
 * HarperException is already the answer, and any other exception is the failure itself.
 */
public final class RootCause {
    private RootCause() {
    }

    public static Throwable of(Throwable failure) {
        Throwable current = failure;
        while (current != null && current.getCause() != null && !(current instanceof HarperException)
                && (current instanceof InvocationTargetException
                || current.getClass().getName().startsWith("org.apache.camel."))) {
            current = current.getCause();
        }
        return current;
    }
}
