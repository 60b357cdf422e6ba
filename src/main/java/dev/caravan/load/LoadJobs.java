package dev.caravan.load;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.auth.Access;
import dev.caravan.auth.AttributePermissions;
import dev.caravan.auth.User;
import dev.caravan.auth.UserStore;
import dev.caravan.formats.DeclaredTypes;
import dev.caravan.jobs.Job;
import dev.caravan.jobs.JobFailedException;
import dev.caravan.jobs.JobHeaders;
import dev.caravan.jobs.JobSources;
import dev.caravan.jobs.JobStore;
import dev.caravan.ops.Tables;
import dev.caravan.store.TableMeta;
import dev.caravan.store.WriteAction;
import java.util.Locale;
import org.apache.camel.Exchange;

/** Starts a load job's route: reads its row and the user's attribute rights, and puts the LoadContext on the exchange. */
public class LoadJobs {
    private final JobStore jobs;
    private final Tables tables;
    private final UserStore users;
    private final JobSources sources;

    public LoadJobs(JobStore jobs, Tables tables, UserStore users, JobSources sources) {
        this.jobs = jobs;
        this.tables = tables;
        this.users = users;
        this.sources = sources;
    }

    public void open(Exchange exchange) {
        String id = exchange.getProperty(JobHeaders.JOB_ID, String.class);
        Job job = jobs.require(id);
        ObjectNode request = job.request();
        TableMeta table;
        try {
            table = tables.require(request.path("database").asText(), request.path("table").asText(), 400);
        } catch (dev.caravan.core.HarperException e) {
            throw new JobFailedException(e.getMessage(), e);
        }
        WriteAction action = WriteAction.valueOf(request.path("action").asText("insert").toUpperCase(Locale.ROOT));
        LoadContext load = new LoadContext(job, table, action);
        load.permissions(attributeRights(job, table), LoadRequestChecks.rights(request.path("action").textValue()));
        load.policy(ErrorPolicy.of(request));
        load.options(LoadOptions.stored(request));
        sources.find(id).ifPresent(load::recordedSource);
        DeclaredTypes.of(table, LoadTypes.stored(request)).ifPresent(load::declaredTypes);
        jobs.startCountingOutcomes(id);
        exchange.setProperty(LoadContext.PROPERTY, load);
    }

    /** The submitting user's attribute rights as they are now: Harper checks them inside the job (docs/harper-observed.md §8). */
    private AttributePermissions attributeRights(Job job, TableMeta table) {
        User user = users.user(job.user())
                .orElseThrow(() -> new JobFailedException("user '" + job.user() + "' no longer exists"));
        if (user.role() == null) {
            throw Access.withoutRole(user.username());
        }
        return new Access(user).attributes(table);
    }
}
