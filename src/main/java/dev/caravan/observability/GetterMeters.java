package dev.caravan.observability;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;

/**
 * A service's getters as Prometheus series, read at each scrape: a count that only grows (a JMX
 * counter such as JobMonitor's) as a counter, a level (jobs running) as a gauge. The service should be
 * a bean that lives as long as the server: Micrometer holds a counter's object weakly (a gauge's is held
 * strongly here), and a collected one reads as NaN.
 *
 * <pre>
 * new GetterMeters()
 *         .gauge("caravan.jobs.running", "Jobs running now", monitor, JobMonitor::getJobsRunning)
 *         .counter("caravan.jobs.purged", "Jobs removed by retention", purge, JobPurge::getJobsRemoved)
 *         .bindTo(registry);
 * </pre>
 */
public final class GetterMeters implements MeterBinder {
    private final List<Consumer<MeterRegistry>> meters = new ArrayList<>();

    /** A level read from the service (Prometheus type gauge). */
    public <T> GetterMeters gauge(String name, String description, T service, ToDoubleFunction<T> getter) {
        meters.add(registry -> Gauge.builder(name, service, getter).description(description).strongReference(true)
                .register(registry));
        return this;
    }

    /** A count since start that only grows (Prometheus type counter, name ending in _total). */
    public <T> GetterMeters counter(String name, String description, T service, ToDoubleFunction<T> getter) {
        meters.add(registry -> FunctionCounter.builder(name, service, getter).description(description)
                .register(registry));
        return this;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        meters.forEach(meter -> meter.accept(registry));
    }
}
