package dev.caravan.s3;

/**
 * A stored S3 connection (caravan.s3.connections.&lt;name&gt;.*): the keys, region and endpoint a request
 * names instead of sending keys. Its keys come from the server's settings, never from a request or the
 * job table; {@link S3Credentials#toString()} keeps them out of this record's text.
 *
 * @param endpoint an S3-compatible store's URL, or null for the server's default (caravan.s3.endpoint)
 */
public record S3Connection(String name, S3Credentials credentials, String region, String endpoint) {
}
