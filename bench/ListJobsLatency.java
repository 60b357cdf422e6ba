import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Driver for list-jobs-latency.sh (loopback only, Java standard library only; compiled beside
 * JobReadLatency.java, whose keep-alive client it uses). On the server at PORT, whose job table holds
 * the filled finished jobs, after a warm-up load of WARMUP_FILE (not counted: JIT and caches, as on a
 * server that has been running):
 *   1. list_jobs latency: CLIENTS threads, each asking for a filtered page (status COMPLETE, one of the
 *      ten users, limit 50; every other request the next page by its next_cursor) once every INTERVAL_MS
 *      (0: back to back), WARMUP_S seconds not counted, then SECONDS seconds counted: p50/p99/max, req/s;
 *   2. a csv_file_load of FILE (ROWS rows) alone, timed from the submit to COMPLETE, then while 5
 *      consoles poll (each once a second: list_jobs limit 50, get_job and get_job_errors of the load),
 *      alternating, five loads (three alone, two polled): the slowdown in wall time and in the server's
 *      CPU seconds (/proc/SERVER_PID/stat), which the machine's other load moves less.
 * Every answer is checked (HTTP 200, a page of 50 jobs each COMPLETE and of its user).
 * Usage: java ListJobsLatency PORT CLIENTS INTERVAL_MS WARMUP_S SECONDS FILE ROWS WARMUP_FILE WARMUP_ROWS SERVER_PID
 */
public class ListJobsLatency {
    private static final String AUTH = "Basic " + Base64.getEncoder()
            .encodeToString("HDB_ADMIN:password".getBytes(StandardCharsets.UTF_8));
    private static final Pattern CURSOR = Pattern.compile("\"next_cursor\":\"([^\"]+)\"");
    private static final Pattern JOB_ID = Pattern.compile("\"job_id\":\"([^\"]+)\"");
    private static final Pattern STATUS = Pattern.compile("\"status\":\"([A-Z_]+)\"");
    private static final int CONSOLES = 5;
    private static int port;

    public static void main(String[] args) throws Exception {
        port = Integer.parseInt(args[0]);
        int clients = Integer.parseInt(args[1]);
        long intervalNanos = Long.parseLong(args[2]) * 1_000_000;
        long warmupNanos = Long.parseLong(args[3]) * 1_000_000_000L;
        long measureNanos = Long.parseLong(args[4]) * 1_000_000_000L;
        String file = args[5];
        long rows = Long.parseLong(args[6]);
        String serverPid = args[9];
        JobReadLatency.KeepAliveConnection api = new JobReadLatency.KeepAliveConnection(port);
        post(api, "{\"operation\":\"create_database\",\"database\":\"bench\"}");
        if (Long.parseLong(args[8]) > 0) {
            load(api, "warmup", args[7], Long.parseLong(args[8]), true);
        }

        AtomicLong errors = new AtomicLong();
        List<long[]> samples = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long begin = System.nanoTime() + 100_000_000L;
        long countFrom = begin + warmupNanos;
        long stopAt = countFrom + measureNanos;
        int[] counts = new int[clients];
        for (int i = 0; i < clients; i++) {
            long[] mine = new long[100_000];
            samples.add(mine);
            int client = i;
            Thread t = new Thread(() -> pageClient(client, mine, counts, errors, begin + intervalNanos * client / Math.max(1, clients),
                    intervalNanos, countFrom, stopAt));
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int i = 0; i < clients; i++) {
            System.arraycopy(samples.get(i), 0, all, at, counts[i]);
            at += counts[i];
        }
        Arrays.sort(all);
        System.out.printf("list_jobs: clients=%d interval_ms=%d requests=%d req_per_s=%.0f p50_ms=%.2f p90_ms=%.2f"
                        + " p99_ms=%.2f max_ms=%.2f errors=%d%n", clients, intervalNanos / 1_000_000, total,
                total / (measureNanos / 1e9), percentile(all, 50), percentile(all, 90), percentile(all, 99),
                total == 0 ? 0 : all[total - 1] / 1e6, errors.get());

        if (rows > 0) {
            // alone, polled, alone, polled, alone: the machine's other load moves every run, so the
            // polled runs are judged against the lone ones around them, in wall time and in server CPU
            double[] wall = new double[2];
            double[] cpu = new double[2];
            int[] runs = new int[2];
            for (int run = 0; run < 5; run++) {
                boolean polled = run % 2 == 1;
                double cpuBefore = serverCpuSeconds(serverPid);
                double seconds = load(api, (polled ? "polled" : "alone") + run, file, rows, polled);
                double cpuSeconds = serverCpuSeconds(serverPid) - cpuBefore;
                System.out.printf("load %d %s: %.2f s, server CPU %.1f s%n", run, polled ? "polled" : "alone", seconds, cpuSeconds);
                int k = polled ? 1 : 0;
                wall[k] += seconds;
                cpu[k] += cpuSeconds;
                runs[k]++;
            }
            System.out.printf("load: alone_mean_s=%.2f polled_mean_s=%.2f slowdown_pct=%.1f server_cpu_alone_s=%.1f"
                            + " server_cpu_polled_s=%.1f cpu_slowdown_pct=%.1f console_errors=%d%n", wall[0] / runs[0],
                    wall[1] / runs[1], (wall[1] / runs[1] / (wall[0] / runs[0]) - 1) * 100, cpu[0] / runs[0],
                    cpu[1] / runs[1], (cpu[1] / runs[1] / (cpu[0] / runs[0]) - 1) * 100, consoleErrors.get());
        }
    }

    private static final AtomicLong consoleErrors = new AtomicLong();

    /** One list_jobs client: a user's first page, then (every other request) the next page by its cursor. */
    private static void pageClient(int client, long[] mine, int[] counts, AtomicLong errors, long start, long interval,
                                   long countFrom, long stopAt) {
        JobReadLatency.KeepAliveConnection connection = null;
        String cursor = null;
        long next = start;
        for (int n = 0; System.nanoTime() < stopAt && counts[client] < mine.length; n++) {
            JobReadLatency.Readers.pauseUntil(next);
            long t0 = System.nanoTime();
            next = t0 + interval;
            String user = "user" + ((client + n / 2) % 10);
            String body = "{\"operation\":\"list_jobs\",\"status\":\"COMPLETE\",\"user\":\"" + user + "\",\"limit\":50"
                    + (cursor == null ? "" : ",\"cursor\":\"" + cursor + "\"") + "}";
            try {
                if (connection == null) {
                    connection = new JobReadLatency.KeepAliveConnection(port);
                }
                String answer = connection.exchange(wire(body));
                long elapsed = System.nanoTime() - t0;
                boolean ok = connection.status() == 200 && count(answer, "\"status\":\"COMPLETE\"") == 50
                        && count(answer, "\"user\":\"" + user + "\"") == 50;
                Matcher m = CURSOR.matcher(answer);
                cursor = cursor == null && m.find() ? m.group(1) : null;
                if (t0 >= countFrom) {
                    if (!ok) {
                        errors.incrementAndGet();
                    }
                    mine[counts[client]++] = elapsed;
                }
            } catch (IOException e) {
                errors.incrementAndGet();
                connection = JobReadLatency.KeepAliveConnection.closeQuietly(connection);
            }
        }
        JobReadLatency.KeepAliveConnection.closeQuietly(connection);
    }

    /** One csv_file_load into bench.NAME, with or without the consoles; seconds from submit to COMPLETE. */
    private static double load(JobReadLatency.KeepAliveConnection api, String table, String file, long rows, boolean consoles)
            throws Exception {
        post(api, "{\"operation\":\"create_table\",\"database\":\"bench\",\"table\":\"" + table + "\",\"primary_key\":\"id\"}");
        long submitted = System.nanoTime();
        Matcher id = JOB_ID.matcher(post(api, "{\"operation\":\"csv_file_load\",\"database\":\"bench\",\"table\":\""
                + table + "\",\"file_path\":\"" + file + "\"}"));
        if (!id.find()) {
            throw new IllegalStateException("no job id");
        }
        String job = id.group(1);
        List<Thread> polling = new ArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        if (consoles) {
            for (int i = 0; i < CONSOLES; i++) {
                long offset = 1_000_000_000L * i / CONSOLES;
                Thread t = new Thread(() -> console(job, done, System.nanoTime() + offset));
                polling.add(t);
                t.start();
            }
        }
        String answer;
        do {
            Thread.sleep(50);
            answer = post(api, "{\"operation\":\"get_job\",\"id\":\"" + job + "\"}");
            Matcher status = STATUS.matcher(answer);
            if (!status.find()) {
                throw new IllegalStateException(answer);
            }
            if (!status.group(1).equals("IN_PROGRESS")) {
                break;
            }
        } while (System.nanoTime() - submitted < 900_000_000_000L);
        double seconds = (System.nanoTime() - submitted) / 1e9;
        done.set(true);
        for (Thread t : polling) {
            t.join();
        }
        if (!answer.contains("successfully loaded " + rows + " of " + rows + " records")) {
            throw new IllegalStateException("load did not complete as expected: " + answer);
        }
        return seconds;
    }

    /** A console on a job's page and the list beside it: every second, three requests. */
    private static void console(String job, java.util.concurrent.atomic.AtomicBoolean done, long start) {
        JobReadLatency.KeepAliveConnection connection = null;
        long next = start;
        String[] requests = {"{\"operation\":\"list_jobs\",\"limit\":50}", "{\"operation\":\"get_job\",\"id\":\"" + job + "\"}",
            "{\"operation\":\"get_job_errors\",\"id\":\"" + job + "\",\"limit\":50}"};
        while (!done.get()) {
            JobReadLatency.Readers.pauseUntil(next);
            next += 1_000_000_000L;
            try {
                if (connection == null) {
                    connection = new JobReadLatency.KeepAliveConnection(port);
                }
                for (String request : requests) {
                    connection.exchange(wire(request));
                    if (connection.status() != 200) {
                        consoleErrors.incrementAndGet();
                    }
                }
            } catch (IOException e) {
                consoleErrors.incrementAndGet();
                connection = JobReadLatency.KeepAliveConnection.closeQuietly(connection);
            }
        }
        JobReadLatency.KeepAliveConnection.closeQuietly(connection);
    }

    /** User + system CPU seconds of the server so far (fields 14 and 15 of /proc/PID/stat, 100 ticks/s). */
    private static double serverCpuSeconds(String pid) throws IOException {
        String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", pid, "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    private static String post(JobReadLatency.KeepAliveConnection api, String body) throws IOException {
        String answer = api.exchange(wire(body));
        if (api.status() != 200) {
            throw new IllegalStateException(api.status() + " " + answer + " for " + body);
        }
        return answer;
    }

    private static byte[] wire(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAuthorization: " + AUTH
                + "\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] request = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        return request;
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }
}
