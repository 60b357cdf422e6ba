package dev.caravan.api;

/**
 * The request bodies the server works on at once, in bytes: each large request reserves its declared
 * length (the whole body limit when it declares none) before its body is read, and gives it back
 * when answered. A request that does not fit is answered 503 at once, so concurrent large bodies
 * cannot together exhaust the heap that each alone fits in. Small requests (most operations) do not
 * count, so they are always served.
 */
final class BodyBudget {
    /** Bodies up to this size are not counted: their JSON trees are small whatever their number. */
    static final long SMALL = 64 * 1024;

    private final long capacity;
    private long reserved;

    BodyBudget(long capacity) {
        this.capacity = capacity;
    }

    /**
     * What a request reserves: its Content-Length up to the limit; without one, nothing when it can
     * have no body (HTTP/1.x without Transfer-Encoding) and the limit otherwise; 0 when small.
     */
    static long reservation(String contentLength, boolean bodyWithoutLength, long limit) {
        long size;
        if (contentLength == null) {
            size = bodyWithoutLength ? limit : 0;
        } else {
            try {
                size = Long.parseLong(contentLength.trim());
            } catch (NumberFormatException e) {
                size = limit;
            }
        }
        return size <= SMALL ? 0 : Math.min(size, limit);
    }

    /** Reserves bytes if they fit (always, for 0). */
    synchronized boolean tryReserve(long bytes) {
        if (bytes == 0) {
            return true;
        }
        if (reserved + bytes > capacity) {
            return false;
        }
        reserved += bytes;
        return true;
    }

    synchronized void release(long bytes) {
        reserved -= bytes;
    }
}
