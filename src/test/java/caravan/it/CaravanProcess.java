package caravan.it;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The real Caravan application in its own JVM, started from the project root on a free port with a
 * data dir of its own: black-box tests talk to it only over HTTP. It can be stopped (SIGTERM),
 * killed (SIGKILL) and started again on the same data dir.
 */
public final class CaravanProcess implements AutoCloseable {
    public static final String ADMIN = "HDB_ADMIN";
    public static final String PASSWORD = "password";
    public static final String DEFAULT_MAX_HEAP = "512m";

    private final Path dataDir;
    private final Path log;
    private final Map<String, String> extraEnv;
    private String maxHeap = DEFAULT_MAX_HEAP;
    private int port;
    private Process process;
    /** The temporary dir fresh() made for this server, removed on close; null for a dir the caller gave. */
    private Path ownDir;

    public CaravanProcess(Path dataDir, Map<String, String> extraEnv) {
        this.dataDir = dataDir;
        this.log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        this.extraEnv = extraEnv;
    }

    /** Starts a fresh server on a new temporary data dir. */
    public static CaravanProcess startFresh() {
        return startFresh(Map.of());
    }

    /** Starts a fresh server with extra environment settings (e.g. CARAVAN_JOB_WORKERS). */
    public static CaravanProcess startFresh(Map<String, String> env) {
        return startFresh(env, DEFAULT_MAX_HEAP);
    }

    /** Starts a fresh server whose JVM gets maxHeap (an -Xmx value, e.g. "256m") instead of 512m. */
    public static CaravanProcess startFresh(Map<String, String> env, String maxHeap) {
        CaravanProcess p = fresh(env, maxHeap);
        p.start();
        return p;
    }

    /**
     * A fresh server on a new temporary data dir, not started yet. Its port is chosen now, so clients
     * made before {@link #start()} already point at it.
     */
    public static CaravanProcess fresh(Map<String, String> env, String maxHeap) {
        try {
            Path dir = Files.createTempDirectory("caravan-it-");
            CaravanProcess p = new CaravanProcess(dir.resolve("data"), onTestedEngine(env));
            p.ownDir = dir;
            p.maxHeap = maxHeap;
            p.port = freePort();
            return p;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The store the black-box suite runs on: the embedded Derby (the default), or, with
     * CARAVAN_IT_STORE=postgresql, a new database of its own on the tests' PostgreSQL for each fresh
     * server (kept across its restarts). A test that names its own CARAVAN_STORE_URL keeps it.
     */
    public static boolean onPostgres() {
        return "postgresql".equalsIgnoreCase(System.getenv().getOrDefault("CARAVAN_IT_STORE", ""));
    }

    private static Map<String, String> onTestedEngine(Map<String, String> env) {
        if (!onPostgres() || env.containsKey("CARAVAN_STORE_URL")) {
            return env;
        }
        Map<String, String> withStore = new HashMap<>(env);
        withStore.put("CARAVAN_STORE_URL", PostgresServer.shared().newDatabase());
        withStore.put("CARAVAN_STORE_USER", PostgresServer.USER);
        return withStore;
    }

    public synchronized void start() {
        try {
            if (port == 0) {
                port = freePort(); // a restart keeps the port, so clients keep working
            }
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Xmx" + maxHeap);
            command.add("-cp");
            command.add(applicationClasspath());
            command.add("dev.caravan.Caravan");
            ProcessBuilder pb = new ProcessBuilder(command)
                    .directory(projectRoot().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.environment().put("CARAVAN_PORT", String.valueOf(port));
            pb.environment().put("CARAVAN_HOST", "127.0.0.1");
            pb.environment().put("CARAVAN_DATA_DIR", dataDir.toString());
            pb.environment().put("HDB_ADMIN_USERNAME", ADMIN);
            pb.environment().put("HDB_ADMIN_PASSWORD", PASSWORD);
            // the tests' CSV files and export folders live in JUnit temp dirs
            pb.environment().put("CARAVAN_IMPORT_ROOTS", System.getProperty("java.io.tmpdir"));
            pb.environment().put("CARAVAN_EXPORT_ROOTS", System.getProperty("java.io.tmpdir"));
            pb.environment().putAll(extraEnv);
            long logStart = Files.exists(log) ? Files.size(log) : 0;
            process = pb.start();
            waitForReady(logStart);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start Caravan", e);
        }
    }

    private void waitForReady(long logStart) throws IOException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Caravan exited with " + process.exitValue() + "; log:\n" + logTail());
            }
            if (Files.exists(log) && Files.size(log) > logStart) {
                String text = Files.readString(log);
                if (text.substring((int) Math.min(logStart, text.length())).contains("Caravan ready")) {
                    return;
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("Caravan did not log ready within 90 s; log:\n" + logTail());
    }

    public String logText() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String logTail() {
        String text = logText();
        return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
    }

    /** SIGTERM, then waits for a clean exit. Returns the exit code. */
    public synchronized int stop() {
        if (process == null) {
            return 0;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int code = process.exitValue();
        process = null;
        return code;
    }

    /** SIGKILL: the process dies at once, as in a crash. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    public void restart() {
        stop();
        start();
    }

    /** The server's operating-system process id (for JMX attach). */
    public synchronized long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    /**
     * Whether anything the server keeps holds the text: a file under its data dir (Derby's data and log,
     * spool files) or, on PostgreSQL, a row of its database.
     */
    public boolean storeHolds(String text) {
        String url = extraEnv.get("CARAVAN_STORE_URL");
        try {
            return TestFiles.anyFileHolds(dataDir, text) || url != null && PostgresServer.dump(url).contains(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path dataDir() {
        return dataDir;
    }

    public ApiClient admin() {
        return new ApiClient(port, ADMIN, PASSWORD);
    }

    public ApiClient as(String username, String password) {
        return new ApiClient(port, username, password);
    }

    /** Stops the server and removes the temporary dir fresh() made: a suite run would leave gigabytes. */
    @Override
    public void close() {
        stop();
        if (ownDir != null) {
            TestFiles.deleteTree(ownDir);
            ownDir = null;
        }
    }

    /** The application's classpath: the test JVM's, without test classes (Camel scans dev.caravan). */
    private static String applicationClasspath() {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Stream.of(classpath.split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("routes"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no routes/ folder above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
