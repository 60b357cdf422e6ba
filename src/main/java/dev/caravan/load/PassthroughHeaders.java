package dev.caravan.load;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** csv_url_load's passthrough headers, held in memory only while their job lives (they may carry secrets). */
public class PassthroughHeaders {
    private final Map<String, Map<String, String>> byJob = new ConcurrentHashMap<>();

    public void keep(String jobId, Map<String, String> headers) {
        byJob.put(jobId, Map.copyOf(headers));
    }

    public Map<String, String> take(String jobId) {
        Map<String, String> headers = byJob.remove(jobId);
        return headers == null ? Map.of() : headers;
    }
}
