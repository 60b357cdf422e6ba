import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Driver for job-read-latency.sh (loopback only, Java standard library only). On the server at PORT:
 *   1. a warm-up csv_file_load of WARMUP_FILE (JIT and Derby caches, as every later load has them),
 *      polled by the readers too, so that their connections are open and their path is compiled, as
 *      on a server that has been answering them (these answers are not counted);
 *   2. csv_file_load of FILE alone, timed from the submit to COMPLETE (one poller, every 50 ms; the
 *      readers wait, connected);
 *   3. the same load into a new table while CLIENTS threads poll get_job of it, each once every
 *      INTERVAL_MS (0 = back to back), until it completes; then p50/p99/max latency and req/s;
 *   4. the load alone once more: later loads run a little faster (JIT, Derby's files), so the
 *      slowdown is judged against the mean of the lone loads before and after.
 * Every get_job answer is checked: HTTP 200 and rows_written a multiple of the batch size until the
 * job is COMPLETE (a count that was not committed would not be). Bounded: SAMPLES answers per client.
 * The server's CPU seconds (from /proc/SERVER_PID/stat) are printed for each load, so the readers'
 * own cost shows apart from the wall times, which other load on the machine moves.
 * Usage: java JobReadLatency.java PORT FILE ROWS WARMUP_FILE WARMUP_ROWS CLIENTS INTERVAL_MS BATCH SERVER_PID
 */
public class JobReadLatency {
    private static final int SAMPLES = 200_000;
    private static final Pattern STATUS = Pattern.compile("\"status\":\"([A-Z_]+)\"");
    private static final Pattern WRITTEN = Pattern.compile("\"rows_written\":(\\d+)");
    private static final Pattern JOB_ID = Pattern.compile("\"job_id\":\"([^\"]+)\"");

    private static HttpClient http;
    private static URI uri;
    private static final String AUTH = "Basic " + Base64.getEncoder()
            .encodeToString("HDB_ADMIN:password".getBytes(StandardCharsets.UTF_8));

    public static void main(String[] args) throws Exception {
        uri = URI.create("http://127.0.0.1:" + args[0] + "/");
        String file = args[1];
        long rows = Long.parseLong(args[2]);
        String warmupFile = args[3];
        long warmupRows = Long.parseLong(args[4]);
        int clients = Integer.parseInt(args[5]);
        long intervalMs = Long.parseLong(args[6]);
        long batch = Long.parseLong(args[7]);
        serverPid = args[8];
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();

        post("{\"operation\":\"create_database\",\"database\":\"bench\"}");
        Readers readers = new Readers(clients, intervalMs, batch);
        readers.start();
        String warmup = submit("warmup", warmupFile);
        readers.follow(warmup, false);
        awaitComplete(warmup, warmupRows);
        readers.pause();
        double cpuBefore = serverCpuSeconds();
        double alone = load("alone", file, rows);
        double cpuAlone = serverCpuSeconds() - cpuBefore;

        cpuBefore = serverCpuSeconds();
        String job = submit("with_readers", file);
        readers.follow(job, true);
        double withReaders = awaitComplete(job, rows);
        readers.stop();
        double cpuWithReaders = serverCpuSeconds() - cpuBefore;
        cpuBefore = serverCpuSeconds();
        double aloneAfter = load("alone_after", file, rows);
        double cpuAloneAfter = serverCpuSeconds() - cpuBefore;
        System.out.printf("lone loads: before %.2f s (%.1f CPU s), after %.2f s (%.1f CPU s)%n", alone, cpuAlone,
                aloneAfter, cpuAloneAfter);
        alone = (alone + aloneAfter) / 2;
        cpuAlone = (cpuAlone + cpuAloneAfter) / 2;
        long[] latencies = readers.latencies();
        Arrays.sort(latencies);
        System.out.printf("load_alone_s=%.2f load_with_readers_s=%.2f slowdown_pct=%.1f server_cpu_alone_s=%.1f"
                        + " server_cpu_with_readers_s=%.1f%n", alone, withReaders, (withReaders / alone - 1) * 100,
                cpuAlone, cpuWithReaders);
        if (latencies.length > 0) {
            System.out.printf("server_cpu_per_get_job_us=%.0f%n", (cpuWithReaders - cpuAlone) / latencies.length * 1e6);
        }
        System.out.printf("client_cpu_during_readers_s=%.1f%n", readers.clientCpuSeconds());
        System.out.printf("clients=%d interval_ms=%d get_job_requests=%d req_per_s=%.0f p50_ms=%.2f p90_ms=%.2f"
                        + " p99_ms=%.2f p99_9_ms=%.2f max_ms=%.2f errors=%d uncommitted_counts=%d%n", clients, intervalMs, latencies.length,
                latencies.length / readers.seconds(), percentile(latencies, 50), percentile(latencies, 90),
                percentile(latencies, 99), percentile(latencies, 99.9),
                latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1e6, readers.errors.get(),
                readers.uncommitted.get());
    }

    /** One csv_file_load into table bench.NAME; returns the seconds from submit to COMPLETE. */
    private static double load(String name, String file, long rows) throws Exception {
        return awaitComplete(submit(name, file), rows);
    }

    private static String submit(String table, String file) throws Exception {
        post("{\"operation\":\"create_table\",\"database\":\"bench\",\"table\":\"" + table + "\",\"primary_key\":\"id\"}");
        submittedAt = System.nanoTime();
        String answer = post("{\"operation\":\"csv_file_load\",\"database\":\"bench\",\"table\":\"" + table
                + "\",\"file_path\":\"" + file + "\"}");
        Matcher m = JOB_ID.matcher(answer);
        if (!m.find()) {
            throw new IllegalStateException("no job id in " + answer);
        }
        return m.group(1);
    }

    private static long submittedAt;
    private static String serverPid;

    /** User + system CPU seconds of the server so far (fields 14 and 15 of /proc/PID/stat, 100 ticks/s). */
    private static double serverCpuSeconds() throws java.io.IOException {
        String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", serverPid, "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    private static double awaitComplete(String job, long rows) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            String answer = getJob(job);
            Matcher status = STATUS.matcher(answer);
            if (status.find() && !status.group(1).equals("IN_PROGRESS")) {
                double seconds = (System.nanoTime() - submittedAt) / 1e9;
                if (!answer.contains("successfully loaded " + rows + " of " + rows + " records")) {
                    throw new IllegalStateException("load did not complete as expected: " + answer);
                }
                return seconds;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("job " + job + " did not finish within 10 minutes");
    }

    private static String getJob(String job) throws Exception {
        return post("{\"operation\":\"get_job\",\"id\":\"" + job + "\"}");
    }

    private static String post(String body) throws Exception {
        HttpResponse<String> r = send(body);
        if (r.statusCode() != 200) {
            throw new IllegalStateException(r.statusCode() + " " + r.body() + " for " + body);
        }
        return r.body();
    }

    private static HttpResponse<String> send(String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("Authorization", AUTH)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }

    /**
     * CLIENTS threads polling get_job of the job they follow, each at its own steady pace; paused, they
     * keep their connections. Answers are checked and timed only while recording.
     */
    static final class Readers {
        private volatile byte[] request; // null: paused
        private volatile boolean recording;
        private final long intervalNanos;
        private final long batch;
        private final List<Thread> threads = new ArrayList<>();
        private final List<long[]> samples = new ArrayList<>();
        private final List<int[]> counts = new ArrayList<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicLong errors = new AtomicLong();
        final AtomicLong uncommitted = new AtomicLong();
        private long startedAt;
        private long stoppedAt;

        Readers(int clients, long intervalMs, long batch) {
            this.intervalNanos = intervalMs * 1_000_000;
            this.batch = batch;
            for (int i = 0; i < clients; i++) {
                long[] mine = new long[SAMPLES];
                int[] count = new int[1];
                samples.add(mine);
                counts.add(count);
                long offset = clients == 0 ? 0 : intervalNanos * i / clients; // spread the clients over the interval
                threads.add(new Thread(() -> poll(mine, count, offset), "reader-" + i));
            }
        }

        private long clientCpuAtStart;
        private long clientCpuAtStop;

        /** This client process's CPU while the readers ran: what they took from the cores the server shares. */
        double clientCpuSeconds() {
            return (clientCpuAtStop - clientCpuAtStart) / 1e9;
        }

        private static long processCpuNanos() {
            return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime();
        }

        void start() {
            threads.forEach(Thread::start);
        }

        /** Polls this job from now on; when recording, its answers are the measurement. */
        void follow(String job, boolean record) {
            if (record) {
                clientCpuAtStart = processCpuNanos();
                startedAt = System.nanoTime();
            }
            recording = record;
            request = getJobRequest(job);
        }

        void pause() {
            request = null;
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread t : threads) {
                t.join(60_000);
            }
            stoppedAt = System.nanoTime();
            clientCpuAtStop = processCpuNanos();
        }

        double seconds() {
            return (stoppedAt - startedAt) / 1e9;
        }

        private void poll(long[] mine, int[] count, long offset) {
            long next = System.nanoTime() + offset;
            KeepAliveConnection connection = null;
            while (running.get() && count[0] < mine.length) {
                pauseUntil(next);
                long t0 = System.nanoTime();
                next = t0 + intervalNanos;
                byte[] current = request;
                if (current == null) {
                    continue;
                }
                boolean record = recording;
                try {
                    if (connection == null) {
                        connection = new KeepAliveConnection(uri.getPort());
                    }
                    String body = connection.exchange(current);
                    long elapsed = System.nanoTime() - t0;
                    if (record) {
                        if (connection.status() != 200) {
                            errors.incrementAndGet();
                        } else {
                            check(body);
                        }
                        mine[count[0]++] = elapsed;
                    }
                } catch (IOException e) {
                    if (record) {
                        errors.incrementAndGet();
                    }
                    connection = KeepAliveConnection.closeQuietly(connection);
                }
            }
            KeepAliveConnection.closeQuietly(connection);
        }

        /** Until the job is COMPLETE, only whole batches can have committed. */
        private void check(String answer) {
            Matcher status = STATUS.matcher(answer);
            Matcher written = WRITTEN.matcher(answer);
            if (status.find() && status.group(1).equals("IN_PROGRESS") && written.find()
                    && Long.parseLong(written.group(1)) % batch != 0) {
                uncommitted.incrementAndGet();
            }
        }

        static void pauseUntil(long nanoTime) {
            long wait = nanoTime - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        long[] latencies() {
            int total = counts.stream().mapToInt(c -> c[0]).sum();
            long[] all = new long[total];
            int at = 0;
            for (int i = 0; i < samples.size(); i++) {
                System.arraycopy(samples.get(i), 0, all, at, counts.get(i)[0]);
                at += counts.get(i)[0];
            }
            return all;
        }
    }

    /** The get_job request as bytes on the wire, with its Basic auth: the readers send it as it is. */
    private static byte[] getJobRequest(String job) {
        byte[] body = ("{\"operation\":\"get_job\",\"id\":\"" + job + "\"}").getBytes(StandardCharsets.UTF_8);
        String head = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAuthorization: " + AUTH
                + "\r\nContent-Length: " + body.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] request = Arrays.copyOf(headBytes, headBytes.length + body.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        return request;
    }

    /**
     * One reader's HTTP/1.1 keep-alive connection on a plain blocking socket. The readers share the
     * server's two cores with the load they measure: java.net.http's client spent about as much CPU
     * per request as the server did (its selector thread and futures), so this minimal client keeps
     * the measurement about the server (it reads the status, Content-Length or chunks, and the body; nothing else).
     */
    static final class KeepAliveConnection {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private int status;

        KeepAliveConnection(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(60_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 8192);
        }

        String exchange(byte[] request) throws IOException {
            out.write(request);
            out.flush();
            String statusLine = line();
            status = Integer.parseInt(statusLine.substring(9, 12));
            int length = -1;
            boolean chunked = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                    length = Integer.parseInt(header.substring(15).trim());
                } else if (header.regionMatches(true, 0, "Transfer-Encoding:", 0, 18)) {
                    chunked = header.substring(18).trim().equalsIgnoreCase("chunked");
                }
            }
            if (chunked) {
                return chunkedBody();
            }
            if (length < 0) {
                throw new IOException("answer without Content-Length or chunks");
            }
            return new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }

        private String chunkedBody() throws IOException {
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            for (int size = Integer.parseInt(line().trim(), 16); size > 0; size = Integer.parseInt(line().trim(), 16)) {
                body.write(in.readNBytes(size));
                line(); // the CRLF after the chunk
            }
            line(); // the CRLF after the last chunk (no trailers are sent)
            return body.toString(StandardCharsets.UTF_8);
        }

        int status() {
            return status;
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("connection closed");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        static KeepAliveConnection closeQuietly(KeepAliveConnection connection) {
            if (connection != null) {
                try {
                    connection.socket.close();
                } catch (IOException e) {
                    // a broken connection is replaced either way
                }
            }
            return null;
        }
    }
}
