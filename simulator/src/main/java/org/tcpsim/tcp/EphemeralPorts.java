package org.tcpsim.tcp;

import java.util.SplittableRandom;
import org.tcpsim.engine.LongMap;

/**
 * connect()'s choice of a local port (net/ipv4/inet_hashtables.c: __inet_hash_connect, RFC 6056
 * algorithm 4 "double hash"): a keyed hash of (saddr, daddr, dport, 10 s clock) plus a per-slot
 * perturbation picks the start; ports of the range's parity are tried first, in steps of two,
 * then the others; only the 4-tuple must be unique, so a port is shared across destinations,
 * and a TIME_WAIT 4-tuple may be taken over when tcp_twsk_unique() allows it.
 */
final class EphemeralPorts {
    /** table_perturb has 2^16 slots (CONFIG_INET_TABLE_PERTURB_ORDER = 16). */
    private static final int PERTURB_SLOTS = 1 << 16;
    /** The hash input changes every 10 s (jiffies / (HZ * 10)). */
    private static final long HASH_PERIOD_NS = 10_000_000_000L;

    /** A port that can be used, and the TIME_WAIT socket it takes over (or null). */
    record Choice(int port, TimeWaitSock takeOver) {
    }

    /** Decides, for one candidate 4-tuple, whether it is free (Choice) or taken (null). */
    @FunctionalInterface
    interface FourTupleCheck {
        Choice check(int port);
    }

    /**
     * table_perturb, holding only the slots ever moved (all start at 0). The slot follows the
     * destination and a 10 s clock, so a host touches a handful: a dense 2^16-entry array would
     * cost 256 KiB per host, 256 MiB for a thousand clients.
     */
    private final LongMap<int[]> perturb = new LongMap<>();
    private final long secret;
    private final SplittableRandom random;

    EphemeralPorts(long secret, SplittableRandom random) {
        this.secret = secret;
        this.random = random;
    }

    /** The first usable port for (dstAddr, dstPort), or null when none is (EADDRNOTAVAIL). */
    Choice pick(TcpSettings st, int localAddr, int dstAddr, int dstPort, long now, FourTupleCheck check) {
        int low = st.portLow;
        int remaining = (st.portHigh - low + 1) & ~1; // rounded down to even
        if (remaining <= 0) {
            remaining = st.portHigh - low + 1;
        }
        long h64 = mix(secret ^ mix(((long) localAddr << 32) | (dstAddr & 0xffffffffL))
                ^ mix(((long) dstPort << 40) ^ (now / HASH_PERIOD_NS)));
        int idx = (int) (h64 & (PERTURB_SLOTS - 1));
        int[] slot = perturb.get(idx);
        int offset = (int) Long.remainderUnsigned((slot == null ? 0 : slot[0] & 0xffffffffL) + (h64 >>> 32), remaining)
                & ~1;
        int step = 2;
        for (int parity = 0; parity < 2; parity++) {
            for (int i = 0; i < remaining; i += step) {
                int port = low + ((offset + i + parity) % remaining);
                if (port > st.portHigh || st.reservedPorts.get(port)) {
                    continue;
                }
                Choice c = check.check(port);
                if (c != null) {
                    // table_perturb[idx] += max(i, rand(0..7) * step) + step
                    if (slot == null) {
                        slot = new int[1];
                        perturb.put(idx, slot);
                    }
                    slot[0] += Math.max(i + parity, random.nextInt(8) * step) + step;
                    return c;
                }
            }
        }
        return null;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
