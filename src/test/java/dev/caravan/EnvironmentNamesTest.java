package dev.caravan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * config/application.properties names every environment override by one rule: the key in upper case
 * with dots and dashes as underscores. Harper's HDB_ADMIN_USERNAME / HDB_ADMIN_PASSWORD are the only
 * exception; an older name may follow only as the nested default.
 */
class EnvironmentNamesTest {
    private static final Pattern SETTING = Pattern.compile("^(caravan\\.[a-z0-9.-]+)\\s*=\\s*\\{\\{env:([A-Z0-9_]+):");
    private static final Map<String, String> HARPER_NAMES = Map.of(
            "caravan.admin.username", "HDB_ADMIN_USERNAME", "caravan.admin.password", "HDB_ADMIN_PASSWORD");

    @Test
    void everySettingIsOverriddenByTheNameItsKeyGives() throws IOException {
        Map<String, String> wrong = new TreeMap<>();
        int settings = 0;
        for (String line : Files.readAllLines(Path.of("config/application.properties"))) {
            Matcher m = SETTING.matcher(line);
            if (m.find()) {
                settings++;
                String key = m.group(1);
                String expected = HARPER_NAMES.getOrDefault(key, key.toUpperCase(Locale.ROOT).replaceAll("[.-]", "_"));
                if (!expected.equals(m.group(2))) {
                    wrong.put(key, m.group(2) + " (rule: " + expected + ")");
                }
            }
        }
        assertFalse(settings < 20, "read only " + settings + " settings");
        assertEquals(Map.of(), wrong);
    }
}
