package dev.caravan.console;

import dev.caravan.auth.Authenticator;
import dev.caravan.auth.User;
import dev.caravan.core.HarperException;
import dev.caravan.core.HarperJson;
import dev.caravan.jobs.Job;
import dev.caravan.jobs.JobStore;
import dev.caravan.jobs.JobVisibility;
import dev.caravan.load.LoadOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * GET /console/api/jobs/{id}/rejects (routes/console.camel.yaml): the rejects file a load wrote
 * (rejects_path, docs/row-outcomes.md), streamed to whoever may see the job as get_job decides
 * (owner or super user, or everyone with caravan.jobs.visible-to-all; compatibility C4). Basic
 * credentials as for the Operations API. A job nobody may see, one without a rejects file and a file
 * that is gone (another node's disk, removed) are all the same 404, so the answer tells a stranger
 * nothing about other users' jobs.
 */
public class RejectsDownload {
    private final Authenticator authenticator;
    private final JobStore jobs;
    private final JobVisibility visibility;

    public RejectsDownload(Authenticator authenticator, JobStore jobs, boolean jobsVisibleToAll) {
        this.authenticator = authenticator;
        this.jobs = jobs;
        this.visibility = new JobVisibility(jobsVisibleToAll);
    }

    public void download(Exchange exchange) throws IOException {
        Message message = exchange.getMessage();
        String authorization = message.getHeader("Authorization", String.class);
        String id = message.getHeader("id", String.class);
        message.getHeaders().clear();
        ConsoleFiles.securityHeaders(message);
        User user;
        try {
            user = authenticator.authenticate(authorization);
        } catch (HarperException e) {
            answer(message, e);
            return;
        }
        Optional<Path> file = rejectsFile(id, user);
        if (file.isEmpty()) {
            answer(message, HarperException.notFound("Job '" + id + "' has no rejects file"));
            return;
        }
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        message.setHeader(Exchange.CONTENT_TYPE, contentType(file.get()));
        message.setHeader(Exchange.CONTENT_LENGTH, Files.size(file.get()));
        message.setHeader("Content-Disposition", "attachment; filename=\"" + downloadName(id, file.get()) + "\"");
        message.setHeader("Cache-Control", "no-store");
        message.setBody(Files.newInputStream(file.get())); // streamed by the HTTP engine, then closed
    }

    /** The job's rejects file when this user may see the job and the file is there. */
    Optional<Path> rejectsFile(String id, User user) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        return jobs.find(id)
                .filter(job -> maySee(job, user))
                .map(Job::request)
                .filter(request -> request != null)
                .map(request -> LoadOptions.stored(request).rejectsPath())
                .filter(Files::isRegularFile);
    }

    private boolean maySee(Job job, User user) {
        return visibility.maySee(user.username(), user.isSuperUser(), job);
    }

    /** The job's id and the file's own extension: a name that says which job it came from, and no path. */
    static String downloadName(String id, Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 ? name.substring(dot).replaceAll("[^A-Za-z0-9.]", "") : "";
        return "rejects-" + id.replaceAll("[^A-Za-z0-9-]", "") + extension;
    }

    private static String contentType(Path file) {
        String name = file.getFileName().toString().toLowerCase();
        if (name.endsWith(".csv")) {
            return "text/csv; charset=utf-8";
        }
        if (name.endsWith(".json") || name.endsWith(".ndjson") || name.endsWith(".jsonl")) {
            return "application/x-ndjson; charset=utf-8";
        }
        return "application/octet-stream";
    }

    private static void answer(Message message, HarperException error) {
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, error.status());
        message.setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
        message.setBody(HarperJson.write(error.body()));
    }
}
