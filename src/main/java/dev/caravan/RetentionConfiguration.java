package dev.caravan;

import dev.caravan.jobs.JobControl;
import dev.caravan.jobs.JobMonitor;
import dev.caravan.jobs.JobStore;
import dev.caravan.ops.Tables;
import dev.caravan.retention.RecordDeletion;
import dev.caravan.store.Store;
import dev.caravan.store.TableWrites;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;

/** delete_records_before: the batch deletion its route runs. */
@Configuration
public class RetentionConfiguration implements CamelConfiguration {
    @BindToRegistry(lazy = true)
    public RecordDeletion recordDeletion(@BeanInject("store") Store store,
                                         @BeanInject("tableWrites") TableWrites writes,
                                         @BeanInject("tables") Tables tables, @BeanInject("jobStore") JobStore jobs,
                                         @BeanInject("jobControl") JobControl control,
                                         @BeanInject("jobMonitor") JobMonitor monitor,
                                         @PropertyInject("caravan.jobs.batch-size") int batchSize) {
        return new RecordDeletion(store, writes, tables, jobs, control, monitor, batchSize);
    }
}
