package caravan.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The tests' PostgreSQL: a real server that starts from the machine's packages and gives each caller its own database. */
class PostgresServerTest {
    @Test
    void eachCallerGetsItsOwnEmptyDatabaseOnARealServer() throws Exception {
        PostgresServer server = PostgresServer.shared();
        String first = server.newDatabase();
        String second = server.newDatabase();
        assertNotEquals(first, second);
        try (Connection c = DriverManager.getConnection(first, PostgresServer.USER, "");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE dogs (id INT PRIMARY KEY, name TEXT)");
            s.execute("INSERT INTO dogs VALUES (1, 'Rex')");
            try (ResultSet rs = s.executeQuery("SELECT name, version() FROM dogs")) {
                rs.next();
                assertEquals("Rex", rs.getString(1));
                assertEquals(true, rs.getString(2).startsWith("PostgreSQL "), rs.getString(2));
            }
        }
        try (Connection c = DriverManager.getConnection(second, PostgresServer.USER, "");
             ResultSet rs = c.getMetaData().getTables(null, "public", "dogs", null)) {
            assertEquals(false, rs.next(), "a new database is empty");
        }
    }
}
