package org.tcpsim.config;

/**
 * How much an interface queue holds: a number of packets ({@code "1000p"}) or of bytes ({@code "64KiB"}),
 * the two ways Linux qdiscs are limited (pfifo vs bfifo).
 *
 * @param limit   at least 1
 * @param packets true when {@code limit} counts packets, false when it counts bytes
 */
public record QueueLimit(long limit, boolean packets) {

    public QueueLimit {
        if (limit < 1) {
            throw new IllegalArgumentException("a queue limit must be at least 1; got " + limit);
        }
    }

    public static QueueLimit ofPackets(long packets) {
        return new QueueLimit(packets, true);
    }

    public static QueueLimit ofBytes(long bytes) {
        return new QueueLimit(bytes, false);
    }

    /** The text a user would write: "1000p" or "64KiB"; {@link Units#parseQueueLimit} reads it back. */
    public String format() {
        return packets ? limit + "p" : Units.formatSizeBytes(limit);
    }
}
