package org.tcpsim.tcp;

import java.util.SplittableRandom;

/**
 * The host-wide RFC 5961 challenge-ACK limit of tcp_send_challenge_ack (net.ipv4.tcp_challenge_ack_limit),
 * checked after each connection's own tcp_invalid_ratelimit: below INT_MAX, each second (jiffies / HZ)
 * a count is drawn between half the limit and one and a half times it, (limit + 1) / 2 to
 * limit + (limit + 1) / 2 - 1 (get_random_u32_inclusive; random so that the count cannot be read as a
 * side channel, CVE-2016-5696), and challenge ACKs go while it lasts. 6.x keeps it per network
 * namespace (one per simulated host) and defaults to INT_MAX, no limit; 4.9 defaults to 1000
 * (half + prandom_u32_max(limit): the same range, none at all for a limit of 0). The second is the
 * simulated clock's, from time 0: the kernel's starts at boot (jiffies from INITIAL_JIFFIES).
 */
final class ChallengeAckLimit {
    private long second = Long.MIN_VALUE;
    private long count;

    /** Whether a challenge ACK may go at {@code nowNs}; if so it is counted against this second's allowance. */
    boolean allow(long nowNs, int limit, boolean v49, SplittableRandom random) {
        if (limit == Integer.MAX_VALUE) {
            return true;
        }
        long now = nowNs / 1_000_000_000L;
        if (now != second) {
            second = now;
            long ackLimit = Integer.toUnsignedLong(limit); // u32 in the kernel
            long half = ((ackLimit + 1) & 0xFFFF_FFFFL) >>> 1;
            long high = (ackLimit + half - 1) & 0xFFFF_FFFFL;
            count = v49 && ackLimit == 0 ? 0 : half + random.nextLong(high - half + 1);
        }
        if (count > 0) {
            count--;
            return true;
        }
        return false;
    }
}
