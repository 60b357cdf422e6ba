package dev.caravan.store;

import java.io.IOException;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database Caravan keeps everything in, reached through a small connection pool: the embedded Derby
 * under the data dir, or PostgreSQL; what differs between them is its dialect().
 */
public class Store implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Store.class);

    private final HikariDataSource pool;
    private final SqlDialect dialect;
    /** What closing the engine takes once the pool is closed (Derby's shutdown). */
    private final Runnable engineShutdown;
    /** Actions waiting for the commit of the transaction open on a connection (afterCommit). */
    private final Map<Connection, List<Runnable>> afterCommit = new ConcurrentHashMap<>();

    /** The embedded Derby database under the data dir, created on the first start. */
    public Store(Path dataDir, int poolSize) {
        this(derbyPool(dataDir, poolSize), SqlDialect.DERBY, () -> shutDownDerby(derbyDir(dataDir)));
    }

    /**
     * The PostgreSQL database at the JDBC URL (caravan.store.url, docs/decisions/0009-store-dialects.md).
     */
    public static Store postgres(String jdbcUrl, String user, String password, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setAutoCommit(true);
        config.setPoolName("caravan-postgres");
        return new Store(config, SqlDialect.POSTGRESQL, () -> { });
    }

    private Store(HikariConfig config, SqlDialect dialect, Runnable engineShutdown) {
        this.pool = new HikariDataSource(config);
        this.dialect = dialect;
        this.engineShutdown = engineShutdown;
    }

    private static Path derbyDir(Path dataDir) {
        return dataDir.toAbsolutePath().resolve("derby");
    }

    private static HikariConfig derbyPool(Path dataDir, int poolSize) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create data dir " + dataDir, e);
        }
        // derby.log goes next to the database, not into the working directory
        System.setProperty("derby.stream.error.file", dataDir.toAbsolutePath().resolve("derby.log").toString());
        // Long rows and 250-character names need pages larger than Derby's 4 KB default.
        setDefault("derby.storage.pageSize", "32768");
        // Bulk loads write hundreds of megabytes of log: a 1 MB log buffer means far fewer synced
        // writes than the 32 KB default (measured: 1M-row load 31 s -> 25 s). Commits still force the log.
        setDefault("derby.storage.logBufferSize", "1048576");
        // 16 MB log files instead of 1 MB: a 1M-row load no longer creates hundreds of log files
        // (measured 25-26 s -> 23 s). Checkpoints, and so crash-recovery time, are unchanged.
        setDefault("derby.storage.logSwitchInterval", "16777216");
        // Look for a deadlock after 2 s of waiting instead of 20 s: a victim is rolled back and retried
        // (TableWrites) while its client still waits, not after most of a minute.
        setDefault("derby.locks.deadlockTimeout", "2");
        // 250 cached pages (8 MB) instead of 1000 (32 MB): a cached page holds an object per row slot,
        // and while a load inserts, the collector copies those of every page still cached at each young
        // collection; with 1000 pages its pauses under a 1M-row load were 40-50 ms, with 200 12-23 ms
        // (docs/benchmarks.md, get_job under a load). Reads past the cache come from the OS's file cache.
        setDefault("derby.storage.pageCacheSize", "128");
        // keep what Derby logged before a restart (it overwrites derby.log at boot otherwise)
        setDefault("derby.infolog.append", "true");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:derby:" + derbyDir(dataDir) + ";create=true");
        config.setMaximumPoolSize(poolSize);
        config.setAutoCommit(true);
        config.setPoolName("caravan-derby");
        return config;
    }

    /** Caravan's Derby setting, unless the operator set it with -D. */
    private static void setDefault(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    /** What differs between Derby and PostgreSQL in the SQL of Caravan's own tables. */
    public SqlDialect dialect() {
        return dialect;
    }

    /** The pool's use (hikaricp_connections_* by pool name) in the metrics registry, from now on. */
    public void publishPoolMetrics(MeterRegistry registry) {
        pool.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
    }

    public DataSource dataSource() {
        return pool;
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /** Runs work in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                runAfterCommit(c);
                return result;
            } catch (Exception e) {
                afterCommit.remove(c);
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new StoreException(e);
        }
    }

    /**
     * Runs the action once the transaction open on the connection (one of inTransaction) commits;
     * never when it rolls back. For in-memory copies of committed state.
     */
    public void afterCommit(Connection c, Runnable action) {
        afterCommit.computeIfAbsent(c, k -> new ArrayList<>()).add(action);
    }

    private void runAfterCommit(Connection c) {
        List<Runnable> actions = afterCommit.remove(c);
        if (actions != null) {
            actions.forEach(Runnable::run);
        }
    }

    /** Runs one statement with its parameters in a transaction of its own; returns the update count. */
    public int update(String sql, Object... params) {
        return inTransaction(c -> update(c, sql, params));
    }

    /** Runs one statement with its parameters on the caller's connection (and transaction). */
    public static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                if (params[i] == null) {
                    ps.setNull(i + 1, ps.getParameterMetaData().getParameterType(i + 1));
                } else {
                    ps.setObject(i + 1, params[i]);
                }
            }
            return ps.executeUpdate();
        }
    }

    /**
     * Creates Caravan's own tables on the first start: runs the DDL (with the schema's creation where the
     * engine needs it) unless schema.probeTable exists.
     */
    public void createTablesIfMissing(String schema, String probeTable, String... ddl) {
        inTransaction(c -> {
            lockSchemaChanges(c);
            try (ResultSet rs = c.getMetaData().getTables(null, dialect.catalogName(schema),
                    dialect.catalogName(probeTable), null)) {
                if (rs.next()) {
                    return null;
                }
            }
            try (Statement s = c.createStatement()) {
                Optional<String> createSchema = dialect.createSchemaIfMissing(schema);
                if (createSchema.isPresent()) {
                    s.execute(createSchema.get());
                }
                for (String statement : ddl) {
                    s.execute(statement);
                }
            }
            return null;
        });
    }

    /** Adds a column to a table made by an earlier version (columns are only ever added). */
    public void addColumnIfMissing(String schema, String table, String column, String sqlType) {
        inTransaction(c -> {
            lockSchemaChanges(c);
            try (ResultSet rs = c.getMetaData().getColumns(null, dialect.catalogName(schema),
                    dialect.catalogName(table), dialect.catalogName(column))) {
                if (rs.next()) {
                    return null;
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("ALTER TABLE " + schema + "." + table + " ADD COLUMN " + column + " " + sqlType);
            }
            return null;
        });
    }

    /**
     * Creates an index on a table made by an earlier version unless one of that name exists; columns as
     * in CREATE INDEX, e.g. "USERNAME, START_DATETIME DESC".
     */
    public void createIndexIfMissing(String schema, String table, String index, String columns) {
        inTransaction(c -> {
            lockSchemaChanges(c);
            try (ResultSet rs = c.getMetaData().getIndexInfo(null, dialect.catalogName(schema),
                    dialect.catalogName(table), false, true)) {
                while (rs.next()) {
                    if (dialect.catalogName(index).equals(rs.getString("INDEX_NAME"))) {
                        return null;
                    }
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute(dialect.createIndex(schema, index, table, columns));
            }
            return null;
        });
    }

    private void lockSchemaChanges(Connection c) throws SQLException {
        Optional<String> lock = dialect.lockSchemaChanges();
        if (lock.isPresent()) {
            try (Statement s = c.createStatement()) {
                s.execute(lock.get());
            }
        }
    }

    @Override
    public void close() {
        pool.close();
        engineShutdown.run();
    }

    private static void shutDownDerby(Path databaseDir) {
        try {
            DriverManager.getConnection("jdbc:derby:" + databaseDir + ";shutdown=true").close();
        } catch (SQLException e) {
            // Derby reports a clean shutdown of one database as SQLState 08006.
            if (!"08006".equals(e.getSQLState())) {
                LOG.warn("Derby did not shut down cleanly: {}", e.getMessage());
            }
        }
    }

    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection c) throws Exception;
    }
}
