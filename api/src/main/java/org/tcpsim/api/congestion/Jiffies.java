package org.tcpsim.api.congestion;

/**
 * The kernel's jiffies clock as congestion modules read it (tcp_jiffies32), derived from the
 * simulated microsecond clock. HZ is 1000 throughout tcpsim (CONFIG_HZ=1000, usual on x86
 * distributions).
 */
public final class Jiffies {
    /** CONFIG_HZ. */
    public static final int HZ = 1000;
    /** USEC_PER_SEC / HZ; HZ divides USEC_PER_SEC, so include/linux/jiffies.h uses the plain division. */
    private static final long USEC_PER_JIFFY = 1_000_000L / HZ;

    private Jiffies() {
    }

    /**
     * tcp_jiffies32 at simulated time {@code us}: ((u32)jiffies).
     *
     * @param us microseconds
     * @return jiffies, truncated to 32 bits
     */
    public static int fromUs(long us) {
        return (int) (us / USEC_PER_JIFFY);
    }

    /**
     * Linux: usecs_to_jiffies(u) for HZ dividing USEC_PER_SEC (_usecs_to_jiffies): rounds up,
     * (u + USEC_PER_SEC/HZ - 1) / (USEC_PER_SEC/HZ), u being an unsigned int.
     *
     * @param u microseconds, read as unsigned
     * @return jiffies
     */
    public static long usecsToJiffies(int u) {
        return (Integer.toUnsignedLong(u) + USEC_PER_JIFFY - 1) / USEC_PER_JIFFY;
    }

    /**
     * Linux: msecs_to_jiffies(m) for HZ = 1000: the identity.
     *
     * @param ms milliseconds
     * @return jiffies
     */
    public static long msecsToJiffies(long ms) {
        return ms * HZ / 1000;
    }
}
