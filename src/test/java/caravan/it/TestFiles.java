package caravan.it;

import java.util.stream.Stream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** CSV files for load tests, written with the benchmark's row shape (bench/gen_dogs.py's columns). */
public final class TestFiles {
    private TestFiles() {
    }

    /** A CSV of rows 1..count with the columns id,name,breed_id,age,weight_lbs,adopted,country,notes. */
    public static Path dogs(Path dir, int count) {
        Path file = dir.resolve("dogs-" + count + ".csv");
        if (Files.exists(file)) {
            return file;
        }
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("id,name,breed_id,age,weight_lbs,adopted,country,notes\n");
            String[] countries = {"France", "Canada", "Japan", "Brazil"};
            for (int i = 1; i <= count; i++) {
                w.write(i + ",Dog " + i + "," + (i % 300) + "," + (i % 15) + "," + (20 + i % 90) + ".5,"
                        + (i % 2 == 0) + "," + countries[i % 4] + ",\"likes walks, naps and \"\"treats\"\" #" + i + "\"\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    public static Path write(Path dir, String name, String content) {
        try {
            Path file = dir.resolve(name);
            Files.writeString(file, content, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether any file under dir (Derby's data and log files included) holds the text's UTF-8 bytes. */
    public static boolean anyFileHolds(Path dir, String text) throws IOException {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).anyMatch(file -> contains(read(file), needle));
        }
    }

    /** Removes dir and everything under it, as far as it can: a file that stays is reported, not thrown. */
    public static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("cannot remove " + dir + ": " + e.getMessage());
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            return new byte[0]; // a file Derby removed meanwhile
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
