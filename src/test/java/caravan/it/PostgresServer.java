package caravan.it;

import java.io.IOException;
import java.net.URI;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for the tests, from the machine's own packages (.ci/run installs them): a
 * throwaway cluster in a temp dir, on a free loopback port, started once per test JVM and stopped when
 * it exits. PostgreSQL refuses to run as root, so as root its programs run as the postgres user.
 * CARAVAN_TEST_PG_URL (a jdbc:postgresql:// URL of a server whose user may create databases) uses
 * another server instead.
 */
public final class PostgresServer {
    public static final String USER = "caravan";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PostgresServer shared;

    private final String baseUrl;
    private final Path dir;
    private final Path bin;

    private PostgresServer(String baseUrl, Path dir, Path bin) {
        this.baseUrl = baseUrl;
        this.dir = dir;
        this.bin = bin;
    }

    /** The one server of this JVM, started on first use. */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            String external = System.getenv("CARAVAN_TEST_PG_URL");
            shared = external != null && !external.isBlank() ? new PostgresServer(external, null, null) : start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "postgres-stop"));
        }
        return shared;
    }

    /** A new, empty database on the server; its JDBC URL (user caravan, no password: trust on loopback). */
    public String newDatabase() {
        return newDatabase("");
    }

    /** A new, empty database made with the CREATE DATABASE options (e.g. a locale); its JDBC URL. */
    public String newDatabase(String options) {
        String name = "caravan_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(baseUrl, USER, "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + (options.isEmpty() ? "" : " " + options));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + " on " + baseUrl, e);
        }
        return baseUrl.substring(0, baseUrl.lastIndexOf('/') + 1) + name;
    }

    /**
     * Everything the database at the URL (one of newDatabase's) holds, as pg_dump writes it: what a
     * test that no secret is stored searches, as it searches Derby's files.
     */
    public static String dump(String databaseUrl) {
        URI uri = URI.create(databaseUrl.substring("jdbc:".length()));
        List<String> command = List.of(binaries().resolve("pg_dump").toString(), "-h", uri.getHost(),
                "-p", String.valueOf(uri.getPort()), "-U", USER, "-d", uri.getPath().substring(1));
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String dump = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0 || !dump.contains("PostgreSQL database dump")) {
                throw new IllegalStateException(String.join(" ", command) + " failed");
            }
            return dump;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run pg_dump", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static PostgresServer start() {
        Path bin = binaries();
        try {
            Path dir = Files.createTempDirectory("caravan-pg-");
            asPostgresOwner(dir);
            int port = freePort();
            run(bin.resolve("initdb"), "-D", dir.resolve("data").toString(), "-U", USER, "--auth=trust",
                    "-E", "UTF8", "--no-locale");
            run(bin.resolve("pg_ctl"), "-D", dir.resolve("data").toString(), "-l", dir.resolve("server.log").toString(),
                    "-w", "-t", "60", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1"
                            + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
                    "start");
            return new PostgresServer("jdbc:postgresql://127.0.0.1:" + port + "/postgres", dir, bin);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start PostgreSQL from " + bin, e);
        }
    }

    private void stop() {
        if (dir == null) {
            return;
        }
        try {
            run(bin.resolve("pg_ctl"), "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop");
        } catch (RuntimeException e) {
            System.err.println("PostgreSQL did not stop: " + e.getMessage());
        }
        TestFiles.deleteTree(dir);
    }

    /** The newest installed PostgreSQL's programs (Debian keeps them under /usr/lib/postgresql/<version>/bin). */
    private static Path binaries() {
        String configured = System.getenv("CARAVAN_TEST_PG_BIN");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparingInt(b -> Integer.parseInt(b.getParent().getFileName().toString())))
                    .orElseThrow(() -> new IllegalStateException("no initdb under /usr/lib/postgresql"));
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL is not installed (apt-get install -y postgresql; .ci/run does)", e);
        }
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void asPostgresOwner(Path dir) {
        if (root()) {
            run(Path.of("chown"), "postgres:postgres", dir.toString());
        }
    }

    private static void run(Path program, String... args) {
        List<String> command = new ArrayList<>();
        if (root() && !program.getFileName().toString().equals("chown")) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(program.toString());
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
