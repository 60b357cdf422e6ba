package dev.caravan;

import dev.caravan.auth.UserStore;
import dev.caravan.export.ExportFiles;
import dev.caravan.export.ExportJobs;
import dev.caravan.export.ExportRequestChecks;
import dev.caravan.export.ExportSearch;
import dev.caravan.export.ExportUpload;
import dev.caravan.files.AllowedRoots;
import dev.caravan.jobs.JobControl;
import dev.caravan.jobs.JobMonitor;
import dev.caravan.jobs.JobStore;
import dev.caravan.s3.S3JobAccess;
import dev.caravan.search.SearchOperations;
import dev.caravan.search.SqlOperations;
import dev.caravan.store.Store;
import java.nio.file.Path;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;

/** The exports: their request checks, the file writer and the S3 upload. */
@Configuration
public class ExportConfiguration implements CamelConfiguration {
    @BindToRegistry(lazy = true)
    public ExportRequestChecks exportRequestChecks(@BeanInject("searchOperations") SearchOperations searches,
                                                   @BeanInject("sqlOperations") SqlOperations sql) {
        return new ExportRequestChecks(new ExportSearch(searches, sql));
    }

    @BindToRegistry(lazy = true)
    public AllowedRoots exportRoots(@PropertyInject("caravan.data-dir") String dataDir,
                                    @PropertyInject("caravan.export.roots") String roots) {
        return AllowedRoots.of("caravan.export.roots",
                roots.isBlank() ? Path.of(dataDir, "exports").toString() : roots);
    }

    @BindToRegistry(lazy = true)
    public ExportJobs exportJobs(@BeanInject("jobStore") JobStore jobs, @BeanInject("userStore") UserStore users,
                                 @BeanInject("exportRequestChecks") ExportRequestChecks checks) {
        return new ExportJobs(jobs, users, checks);
    }

    @BindToRegistry(lazy = true)
    public ExportFiles exportFiles(@BeanInject("store") Store store, @BeanInject("jobStore") JobStore jobs,
                                   @BeanInject("jobControl") JobControl control,
                                   @BeanInject("jobMonitor") JobMonitor monitor,
                                   @BeanInject("spoolDir") Path spoolDir,
                                   @PropertyInject("caravan.jobs.batch-size") int batchSize) {
        return new ExportFiles(store, jobs, control, monitor, spoolDir, batchSize);
    }

    @BindToRegistry(lazy = true)
    public ExportUpload exportUpload(@BeanInject("jobStore") JobStore jobs, @BeanInject("s3JobAccess") S3JobAccess s3) {
        return new ExportUpload(jobs, s3);
    }
}
