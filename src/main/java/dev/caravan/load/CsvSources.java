package dev.caravan.load;

import dev.caravan.jobs.JobFailedException;
import dev.caravan.jobs.JobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import org.apache.camel.Exchange;

/** Opens the local CSV sources: an uploaded (spooled) data field, or a file on the server. */
public class CsvSources {
    private final JobStore jobs;
    private final SourceGuard guard;
    private final Path spoolDir;

    public CsvSources(JobStore jobs, SourceGuard guard, Path spoolDir) {
        this.jobs = jobs;
        this.guard = guard;
        this.spoolDir = spoolDir;
    }

    /** csv_data_load: the spooled data field; the spool file goes when the job ends. */
    public InputStream spooled(Exchange exchange) throws IOException {
        LoadContext load = exchange.getProperty(LoadContext.PROPERTY, LoadContext.class);
        Path file = CsvDataLoad.spoolFile(spoolDir, load.jobId());
        if (!Files.exists(file)) {
            throw new JobFailedException("the uploaded CSV data of this job is gone (spool file missing)");
        }
        load.spoolFile(file);
        return open(load, file, "The uploaded CSV data");
    }

    /** csv_file_load: the file named by file_path. */
    public InputStream file(Exchange exchange) throws IOException {
        LoadContext load = exchange.getProperty(LoadContext.PROPERTY, LoadContext.class);
        String name = load.request().path("file_path").asText();
        Path file = Path.of(name);
        if (Files.isDirectory(file)) {
            throw new JobFailedException(CsvFileLoad.directoryMessage(name));
        }
        if (!Files.exists(file)) {
            throw new JobFailedException("No such file or directory " + name);
        }
        return open(load, file, "The file '" + name + "'");
    }

    /** Any route whose body is the CSV itself (a file consumer's file, a download): counted as it is read. */
    public InputStream body(Exchange exchange) throws org.apache.camel.InvalidPayloadException {
        LoadContext load = exchange.getProperty(LoadContext.PROPERTY, LoadContext.class);
        Long length = exchange.getMessage().getHeader(Exchange.FILE_LENGTH, Long.class);
        if (length != null) {
            jobs.setBytesTotal(load.jobId(), length);
        }
        load.sourceName("The message body");
        CountingInputStream in = new CountingInputStream(exchange.getMessage().getMandatoryBody(InputStream.class))
                .named(load.sourceName()).expectLength(length);
        return guard.open(load, SourceIdentity.ofObject(length, null, null), in);
    }

    /**
     * Opens a regular file without ever opening anything else (a FIFO's open blocks until a writer comes):
     * the link is resolved, the real path checked, opened without following links, and checked again, so
     * a file swapped in between is refused. The file's size is the length it must have at its end.
     */
    private InputStream open(LoadContext load, Path file, String sourceName) throws IOException {
        load.sourceName(sourceName);
        Path real = file.toRealPath();
        if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
            throw new JobFailedException(CsvFileLoad.notRegularMessage(file.toString()));
        }
        SourceIdentity identity = SourceIdentity.ofFile(real);
        guard.opening(load, () -> releaseBlockedOpen(real));
        FileChannel channel = FileChannel.open(real, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        try {
            String swapped = SourceIdentity.ofFile(real).changesSince(identity);
            if (swapped != null) {
                throw new SourceChangedException(sourceName + " changed while it was opened (" + swapped + ")");
            }
            CountingInputStream in = new CountingInputStream(Channels.newInputStream(channel))
                    .named(sourceName).expectLength(identity.size())
                    .atEnd(() -> requireUnchanged(real, identity, sourceName));
            guard.open(load, identity, in);
            jobs.setBytesTotal(load.jobId(), identity.size()); // once it is known to be the job's source
            return in;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * A FIFO swapped in between the check and the open makes the open wait for a writer: opening its
     * other end for a moment lets the open return (and the check after it refuse the FIFO). Runs on a
     * thread of its own, since that open in turn waits when no reader is left.
     */
    static void releaseBlockedOpen(Path real) {
        Thread release = new Thread(() -> {
            try {
                if (Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther()) {
                    FileChannel.open(real, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS).close();
                }
            } catch (IOException e) {
                // gone or not a FIFO: nothing was blocked on it
            }
        }, "fifo-release");
        release.setDaemon(true);
        release.start();
    }

    /** At the end of a file: the bytes read are the file's only if it was not rewritten meanwhile. */
    private static void requireUnchanged(Path real, SourceIdentity atStart, String sourceName) {
        String changes;
        try {
            changes = SourceIdentity.ofFile(real).changesSince(atStart);
        } catch (IOException e) {
            changes = "it is gone (" + new UncheckedIOException(e).getMessage() + ")";
        }
        if (changes != null) {
            throw new SourceChangedException(sourceName + " changed while it was loaded (" + changes + ")");
        }
    }
}
