import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The physical limit for the CSV load benchmark: Derby's own bulk import of the benchmark file into an
 * equivalent typed table, on disk, default durability. Run with the Caravan jar on the classpath:
 *   java -cp target/caravan.jar bench/DerbyBulkImport.java FILE.csv WORKDIR
 * Prints: derby_bulk_import_seconds=<s> rows=<n>
 */
public class DerbyBulkImport {
    public static void main(String[] args) throws Exception {
        Path csv = Path.of(args[0]).toAbsolutePath();
        Path dir = Path.of(args[1]).toAbsolutePath();
        Files.createDirectories(dir);
        System.setProperty("derby.stream.error.file", dir.resolve("derby.log").toString());
        String url = "jdbc:derby:" + dir.resolve("db") + ";create=true";
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE DOGS (ID INT PRIMARY KEY, NAME VARCHAR(200), BREED_ID INT, AGE INT,"
                    + " WEIGHT_LBS DOUBLE, ADOPTED BOOLEAN, COUNTRY VARCHAR(100), NOTES VARCHAR(1000))");
            long start = System.nanoTime();
            // skip=1: the header line
            s.execute("CALL SYSCS_UTIL.SYSCS_IMPORT_TABLE_BULK(NULL, 'DOGS', '" + csv + "', ',', '\"', 'UTF-8', 0, 1)");
            double seconds = (System.nanoTime() - start) / 1e9;
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM DOGS")) {
                rs.next();
                System.out.printf("derby_bulk_import_seconds=%.2f rows=%d%n", seconds, rs.getLong(1));
            }
        }
        try {
            DriverManager.getConnection("jdbc:derby:" + dir.resolve("db") + ";shutdown=true");
        } catch (java.sql.SQLException expected) {
            // Derby reports a clean shutdown as an exception
        }
    }
}
