import dev.caravan.core.HarperJson;
import dev.caravan.jobs.Job;
import dev.caravan.jobs.RowOutcomes;
import dev.caravan.observability.JobMeters;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;

/**
 * What the job series cost per committed batch (docs/benchmarks.md, "What the metrics cost a 1M-row
 * load"): JobMeters.batchCommitted called 2M times on a Prometheus registry, three rounds, with the
 * progress of each batch built as the load builds it. Run: java -cp target/caravan.jar bench/MetricsBatchCost.java
 */
public class MetricsBatchCost {
    public static void main(String[] args) {
        JobMeters meters = new JobMeters(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        int batches = 2_000_000;
        for (int round = 0; round < 3; round++) {
            Job.Progress before = Job.Progress.NONE;
            long start = System.nanoTime();
            for (int i = 1; i <= batches; i++) {
                RowOutcomes outcomes = new RowOutcomes(i * 1000L, 0, 0, i, 0, Map.of("key_exists", (long) i), 0,
                        HarperJson.array(), 0, 0);
                Job.Progress after = new Job.Progress(i * 1001L, i * 1000L, i, 0, i * 84_000L, null, outcomes);
                meters.batchCommitted("csv_file_load", before, after);
                before = after;
            }
            System.out.printf("round %d: %.0f ns per batch%n", round, (System.nanoTime() - start) / (double) batches);
        }
    }
}
