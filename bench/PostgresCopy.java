import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.postgresql.PGConnection;

/**
 * The physical limit of a load on PostgreSQL: its own COPY of the benchmark file, through the JDBC
 * driver's CopyManager, into a typed table equivalent to DerbyBulkImport's. Run with the Caravan jar
 * (which carries the driver) on the classpath:
 *   java -cp target/caravan.jar bench/PostgresCopy.java FILE.csv JDBC_URL
 * Prints: postgres_copy_seconds=<s> rows=<n>
 */
public class PostgresCopy {
    public static void main(String[] args) throws Exception {
        Path csv = Path.of(args[0]).toAbsolutePath();
        try (Connection c = DriverManager.getConnection(args[1], "caravan", ""); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS dogs");
            s.execute("CREATE TABLE dogs (id INT PRIMARY KEY, name VARCHAR(200), breed_id INT, age INT,"
                    + " weight_lbs DOUBLE PRECISION, adopted BOOLEAN, country VARCHAR(100), notes VARCHAR(1000))");
            long start = System.nanoTime();
            long rows;
            try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
                rows = c.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("COPY dogs FROM STDIN WITH (FORMAT csv, HEADER true)", in);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM dogs")) {
                rs.next();
                if (rs.getLong(1) != rows) {
                    throw new IllegalStateException("COPY said " + rows + " rows, the table holds " + rs.getLong(1));
                }
            }
            System.out.printf("postgres_copy_seconds=%.2f rows=%d%n", seconds, rows);
        }
    }
}
