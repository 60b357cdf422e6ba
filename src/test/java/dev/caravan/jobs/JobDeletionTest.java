package dev.caravan.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.auth.Access;
import dev.caravan.auth.User;
import dev.caravan.core.HarperException;
import dev.caravan.core.HarperJson;
import dev.caravan.operations.OperationRegistry;
import dev.caravan.operations.OperationRequest;
import dev.caravan.store.StoreOnEachEngine;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/** delete_job on each engine: who may delete which job, and what is left of it. */
class JobDeletionTest extends StoreOnEachEngine {
    private static final User ANN = new User("ann", true, null);
    private static final User BOB = new User("bob", true, null);
    private static final User ADMIN = new User("admin", true, new User.Role("r", "super", HarperJson.object()
            .put("super_user", true), 0, 0));
    private JobStore jobs;
    private RowErrorStore errors;
    private OperationRegistry operations;

    @BeforeParameterizedClassInvocation
    void open() {
        jobs = new JobStore(store);
        errors = new RowErrorStore(store, jobs);
        operations = new OperationRegistry();
        new JobDeletion(store, jobs, new JobActions(jobs, false)).register(operations);
    }

    private String job(String user, boolean finished) {
        String id = UUID.randomUUID().toString();
        jobs.create(id, "csv_data_load", user, HarperJson.object(), System.currentTimeMillis());
        store.inTransaction(c -> {
            errors.record(c, id, List.of(RowErrorStore.error(1, null, null, "failed", "no_key", null, null, null, "x")));
            return null;
        });
        if (finished) {
            jobs.fail(id, HarperJson.MAPPER.getNodeFactory().textNode("failed"), System.currentTimeMillis(), false, false);
        }
        return id;
    }

    private Object delete(User user, String id) throws Exception {
        ObjectNode body = HarperJson.object().put("operation", "delete_job").put("id", id);
        return operations.run(new OperationRequest(body, user, new Access(user)));
    }

    private int status(User user, String id) {
        return assertThrows(HarperException.class, () -> delete(user, id)).status();
    }

    @Test
    void theOwnerDeletesAFinishedJobAndItsRowErrors() throws Exception {
        String id = job("ann", true);
        assertEquals("{\"message\":\"Deleted job " + id + "\"}", delete(ANN, id).toString());
        assertTrue(jobs.find(id).isEmpty());
        assertEquals(0, errors.count(id, null));
        assertEquals(404, status(ANN, id));
    }

    @Test
    void aSuperUserDeletesAnyonesJob() throws Exception {
        String id = job("ann", true);
        delete(ADMIN, id);
        assertTrue(jobs.find(id).isEmpty());
    }

    @Test
    void anotherUsersJobIs404AndStays() {
        String id = job("ann", true);
        assertEquals(404, status(BOB, id));
        assertTrue(jobs.find(id).isPresent());
        assertEquals(1, errors.count(id, null));
    }

    @Test
    void aJobInProgressIs400AndStays() {
        String id = job("ann", false);
        assertEquals(400, status(ANN, id));
        assertTrue(jobs.find(id).isPresent());
    }

    @Test
    void aSeenButNotOwnedJobIs403WhenJobsAreVisibleToAll() {
        String id = job("ann", true);
        HarperException e = assertThrows(HarperException.class,
                () -> new JobActions(jobs, true).jobToActOn(new OperationRequest(HarperJson.object().put("id", id), BOB,
                        new Access(BOB)), "delete"));
        assertEquals(403, e.status());
    }

    @Test
    void aMissingIdIs400() {
        assertEquals(400, status(ANN, ""));
    }
}
