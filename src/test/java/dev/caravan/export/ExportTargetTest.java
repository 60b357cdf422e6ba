package dev.caravan.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** export_local's result path: the directory and the file name, joined as Harper shows them. */
class ExportTargetTest {
    @Test
    void resultPathDropsTheDirectorysTrailingSeparator() {
        assertEquals("./e.json", ExportTarget.joined("./", "e.json"));
        assertEquals("/srv/x/e.csv", ExportTarget.joined("/srv/x//", "e.csv"));
        assertEquals("/e.csv", ExportTarget.joined("/", "e.csv"));
    }
}
