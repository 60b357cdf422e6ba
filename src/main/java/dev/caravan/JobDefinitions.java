package dev.caravan;

import dev.caravan.export.ExportLocal;
import dev.caravan.export.ExportRequestChecks;
import dev.caravan.export.ExportToS3;
import dev.caravan.files.AllowedRoots;
import dev.caravan.jobs.JobDefinition;
import dev.caravan.jobs.JobSecrets;
import dev.caravan.jobs.RouteStartedJob;
import dev.caravan.load.CsvDataLoad;
import dev.caravan.load.CsvFileLoad;
import dev.caravan.load.CsvUrlLoad;
import dev.caravan.load.ImportFromS3;
import dev.caravan.load.LoadRequestChecks;
import dev.caravan.retention.DeleteRecordsBefore;
import dev.caravan.s3.S3Connections;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every kind of job Caravan runs. A job's type is also the id of the route that runs it
 * (routes/jobs/, routes/examples/); start-up fails when the two do not pair up (jobs/JobRoutesCheck).
 */
public final class JobDefinitions {
    private final List<JobDefinition> operations;
    private final List<JobDefinition> routeStarted;
    private final Map<String, JobDefinition> byType = new LinkedHashMap<>();

    JobDefinitions(LoadRequestChecks loadChecks, ExportRequestChecks exportChecks, JobSecrets secrets, Path spoolDir,
                   AllowedRoots importRoots, AllowedRoots exportRoots, String routeStartedList,
                   S3Connections s3Connections) {
        // the bulk operations of the Operations API: a request starts each
        operations = List.of(
                new CsvDataLoad(loadChecks, spoolDir),
                new CsvFileLoad(loadChecks, importRoots),
                new CsvUrlLoad(loadChecks, secrets),
                new ImportFromS3(loadChecks, secrets, s3Connections),
                new ExportLocal(exportChecks, exportRoots),
                new ExportToS3(exportChecks, secrets, s3Connections),
                new DeleteRecordsBefore(DeleteRecordsBefore.TYPE),
                new DeleteRecordsBefore(DeleteRecordsBefore.ALIAS));
        // the job routes that routes hand files to through kamelet:job-start (caravan.jobs.route-started)
        routeStarted = Arrays.stream(routeStartedList.split(",")).map(String::strip).filter(id -> !id.isEmpty())
                .distinct().<JobDefinition>map(RouteStartedJob::new).toList();
        operations.forEach(d -> byType.put(d.type(), d));
        routeStarted.forEach(d -> byType.put(d.type(), d));
    }

    /** The jobs that requests start, each registered as an operation. */
    List<JobDefinition> operations() {
        return operations;
    }

    Set<String> routeStartedTypes() {
        Set<String> types = new LinkedHashSet<>();
        routeStarted.forEach(d -> types.add(d.type()));
        return types;
    }

    /** Every job by type, for the route policy and recovery. */
    Map<String, JobDefinition> byType() {
        return byType;
    }
}
