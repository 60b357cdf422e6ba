package dev.caravan.export;

import java.nio.file.Path;

/**
 * Where an export_local job writes: the final file, and the hidden part file beside it that is
 * renamed onto it once complete, so a reader never sees half an export.
 */
public record ExportTarget(Path file, Path partFile, String resultPath) {

    /** Compatibility C9 names; without a filename, the epoch milliseconds at execution (contract §8). */
    static ExportTarget of(String directory, String filename, ExportOutput output, String jobId, long now) {
        String name = output.fileName(filename != null ? filename : String.valueOf(now));
        Path file = Path.of(directory).resolve(name);
        Path part = file.resolveSibling("." + file.getFileName() + "." + jobId + ".part");
        return new ExportTarget(file, part, joined(directory, name));
    }

    /** Harper's result path: the given directory without its trailing separator, then the file name. */
    static String joined(String directory, String name) {
        String dir = directory;
        while (dir.length() > 1 && (dir.endsWith("/") || dir.endsWith("\\"))) {
            dir = dir.substring(0, dir.length() - 1);
        }
        return dir.equals("/") ? "/" + name : dir + "/" + name;
    }
}
