package dev.caravan.load;

import dev.caravan.formats.LoadFailure;
import dev.caravan.jobs.JobStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.Exchange;

/** Opens the local CSV sources: an uploaded (spooled) data field, or a file on the server. */
public class CsvSources {
    private final JobStore jobs;
    private final Path spoolDir;

    public CsvSources(JobStore jobs, Path spoolDir) {
        this.jobs = jobs;
        this.spoolDir = spoolDir;
    }

    /** csv_data_load: the spooled data field; the spool file goes when the job ends. */
    public InputStream spooled(Exchange exchange) throws IOException {
        LoadContext load = exchange.getProperty(LoadContext.PROPERTY, LoadContext.class);
        Path file = CsvDataLoad.spoolFile(spoolDir, load.jobId());
        if (!Files.exists(file)) {
            throw new LoadFailure("the uploaded CSV data of this job is gone (spool file missing)");
        }
        load.spoolFile(file);
        return open(load, file);
    }

    /** csv_file_load: the file named by file_path. */
    public InputStream file(Exchange exchange) throws IOException {
        LoadContext load = exchange.getProperty(LoadContext.PROPERTY, LoadContext.class);
        String name = load.request().path("file_path").asText();
        Path file = Path.of(name);
        if (Files.isDirectory(file)) {
            // Harper: "EISDIR: illegal operation on a directory, read" (Caravan decision 10)
            throw new LoadFailure("'" + name + "' is a directory, not a CSV file");
        }
        if (!Files.exists(file)) {
            throw new LoadFailure("No such file or directory " + name);
        }
        return open(load, file);
    }

    /** Any route whose body is the CSV itself (a file consumer's file, a download): counted as it is read. */
    public InputStream body(Exchange exchange) throws org.apache.camel.InvalidPayloadException {
        LoadContext load = exchange.getProperty(LoadContext.PROPERTY, LoadContext.class);
        Long length = exchange.getMessage().getHeader(Exchange.FILE_LENGTH, Long.class);
        if (length != null) {
            jobs.setBytesTotal(load.jobId(), length);
        }
        CountingInputStream in = new CountingInputStream(exchange.getMessage().getMandatoryBody(InputStream.class));
        load.input(in);
        return in;
    }

    private InputStream open(LoadContext load, Path file) throws IOException {
        jobs.setBytesTotal(load.jobId(), Files.size(file));
        CountingInputStream in = new CountingInputStream(Files.newInputStream(file));
        load.input(in);
        return in;
    }
}
