package dev.caravan.load;

/** Where a job's source stood when a batch committed: bytes read from its start and their SHA-256 (hex). */
public record SourceCheckpoint(long bytes, String hash) {
}
