package dev.caravan.formats;

import dev.caravan.core.HarperNames;
import dev.caravan.jobs.JobFailedException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A CSV header row as Harper reads it (contract §3.2, §3.3): names kept verbatim, duplicates renamed. */
public final class CsvHeader {
    private final List<String> names;

    private CsvHeader(List<String> names) {
        this.names = names;
    }

    /** Checks every name (the first bad one fails the load) and renames duplicates name, name_1, name_2. */
    public static CsvHeader of(List<String> raw) {
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String name : raw) {
            check(name);
            String unique = name;
            for (int n = 1; seen.contains(unique); n++) {
                unique = name + "_" + n;
            }
            seen.add(unique);
            names.add(unique);
        }
        return new CsvHeader(names);
    }

    private static void check(String name) {
        if (name.isEmpty() || "null".equals(name) || "undefined".equals(name)) {
            throw new JobFailedException("Invalid attribute name: '" + name + "'");
        }
        if (!HarperNames.isAllowed(name)) {
            throw new JobFailedException("Invalid column name '" + name + "', cancelling load operation");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > HarperNames.MAX_LENGTH) {
            throw new JobFailedException("transaction aborted due to attribute name " + name
                    + " being too long. Attribute names cannot be longer than 250 bytes.");
        }
    }

    public List<String> names() {
        return names;
    }

    public int size() {
        return names.size();
    }

    public String name(int i) {
        return names.get(i);
    }

    public boolean contains(String name) {
        return names.contains(name);
    }
}
