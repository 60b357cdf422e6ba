package dev.caravan.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StoreLocationTest {
    @Test
    void emptyOrBlankIsTheEmbeddedDerby() {
        assertTrue(new StoreLocation("", "", "").embedded());
        assertTrue(new StoreLocation("  ", null, null).embedded());
        assertTrue(new StoreLocation(null, null, null).describe(Path.of("data")).startsWith("embedded Derby under /"));
    }

    @Test
    void aPostgresUrlIsDescribedWithoutItsParameters() {
        StoreLocation location = new StoreLocation("jdbc:postgresql://db.example:5432/caravan?ssl=true&user=app", "app", "s3cret");
        assertFalse(location.embedded());
        assertEquals("PostgreSQL at postgresql://db.example:5432/caravan", location.describe(Path.of("data")));
        assertFalse(location.toString().contains("s3cret"));
    }

    @Test
    void otherEnginesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new StoreLocation("jdbc:mysql://h/db", "", ""));
        assertTrue(e.getMessage().contains("jdbc:postgresql://host:port/database"), e.getMessage());
    }

    @Test
    void aUrlCarryingAPasswordIsRefusedWithoutRepeatingIt() {
        for (String url : new String[] {"jdbc:postgresql://h/db?user=a&password=hunter2",
                "jdbc:postgresql://h/db?PASSWORD=hunter2", "jdbc:postgresql://a:hunter2@h/db"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new StoreLocation(url, "", ""));
            assertTrue(e.getMessage().contains("caravan.store.password"), e.getMessage());
            assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        }
    }
}
