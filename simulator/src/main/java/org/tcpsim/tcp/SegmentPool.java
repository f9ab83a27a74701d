package org.tcpsim.tcp;

/**
 * Segments a stack builds, taken back once delivered and processed, so the packet path allocates
 * nothing in steady state. A new object per segment cost about a quarter of a bulk flow's CPU
 * (JFR with -XX:+DebugNonSafepoints: `new TcpSegment` in TcpOutput.segment; the young generation
 * streams through memory the caches do not hold), where a reused one is still in cache.
 *
 * <p>A segment comes back only from {@link TcpStack#deliver} after an established socket has
 * processed it, and only when neither the stack that built it nor the one that got it lets anyone
 * else see it (no capture hook, a host whose output keeps nothing: {@link TcpHost#recyclesDelivered}).
 * Taken segments read as new ones ({@link TcpSegment#clear}), so results do not depend on reuse.
 */
final class SegmentPool {
    /** At most this many segments wait for reuse (a burst returning beyond it goes to the GC). */
    static final int CAPACITY = 1024;

    private TcpSegment[] free = new TcpSegment[16];
    private int size;

    /** A segment that reads as {@code new TcpSegment()} and will come back here. */
    TcpSegment take() {
        if (size == 0) {
            TcpSegment s = new TcpSegment();
            s.pool = this;
            return s;
        }
        TcpSegment s = free[--size];
        free[size] = null;
        return s;
    }

    /** A segment nothing refers to any more. */
    void give(TcpSegment s) {
        if (size == free.length) {
            if (size == CAPACITY) {
                return;
            }
            free = java.util.Arrays.copyOf(free, Math.min(CAPACITY, size * 2));
        }
        s.clear();
        free[size++] = s;
    }

    int size() {
        return size;
    }
}
