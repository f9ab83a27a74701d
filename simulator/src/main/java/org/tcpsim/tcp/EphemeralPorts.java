package org.tcpsim.tcp;

import java.util.SplittableRandom;
import org.tcpsim.engine.LongMap;

/**
 * connect()'s choice of a local port (net/ipv4/inet_hashtables.c: __inet_hash_connect, RFC 6056
 * algorithm 4 "double hash"): a keyed hash of (saddr, daddr, dport, 10 s clock) plus a per-slot
 * perturbation picks the start; ports of low's parity are tried first, in steps of two, then the
 * others; only the 4-tuple must be unique, so a port is shared across destinations, and a
 * TIME_WAIT 4-tuple may be taken over when tcp_twsk_unique() allows it.
 */
final class EphemeralPorts {
    /** table_perturb has 2^16 slots (CONFIG_INET_TABLE_PERTURB_ORDER = 16). */
    private static final int PERTURB_SLOTS = 1 << 16;
    /** The hash input changes every 10 s (jiffies / EPHEMERAL_PORT_SHUFFLE_PERIOD, 10 * HZ). */
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

    /**
     * The first usable port for (dstAddr, dstPort), or null when none is (EADDRNOTAVAIL), found as
     * __inet_hash_connect's loop finds it: {@code remaining} is the range rounded down to even, the
     * start an even offset from low; each pass steps by two from there and wraps by subtracting
     * {@code remaining} once past the top (so with a range of odd size the first pass reaches the
     * top port from any start but 0, and then skips low); the second pass starts one higher. On
     * success table_perturb[index] grows by max(i, rand(8) * 2) + 2, i counting from 0 in the pass
     * that found the port; a failure changes nothing.
     */
    Choice pick(TcpSettings st, int localAddr, int dstAddr, int dstPort, long now, FourTupleCheck check) {
        int low = st.portLow;
        int high = st.portHigh + 1;
        int remaining = high - low;
        if (remaining > 1) {
            remaining &= ~1;
        }
        long portOffset = portOffset(localAddr, dstAddr, dstPort, now);
        int idx = (int) (portOffset & (PERTURB_SLOTS - 1));
        int[] slot = perturb.get(idx);
        // u32 offset = table_perturb[index] + (port_offset >> 32), wrapping, then % remaining
        long sum = ((slot == null ? 0 : slot[0]) + (portOffset >>> 32)) & 0xffffffffL;
        int offset = (int) (sum % remaining) & ~1;
        while (true) {
            int port = low + offset;
            for (int i = 0; i < remaining; i += 2, port += 2) {
                if (port >= high) {
                    port -= remaining;
                }
                if (st.reservedPorts.get(port)) {
                    continue;
                }
                Choice c = check.check(port);
                if (c != null) {
                    if (slot == null) {
                        slot = new int[1];
                        perturb.put(idx, slot);
                    }
                    slot[0] += Math.max(i, random.nextInt(8) * 2) + 2;
                    return c;
                }
            }
            offset++;
            if ((offset & 1) == 0 || remaining <= 1) {
                return null; // both parities tried (a one-port range has one pass)
            }
        }
    }

    /**
     * port_offset = secure_ipv4_port_ephemeral(saddr, daddr, dport): a keyed hash that also takes
     * jiffies / EPHEMERAL_PORT_SHUFFLE_PERIOD (10 s); the low 16 bits pick the table_perturb slot,
     * the high 32 bits are added to it.
     */
    private long portOffset(int localAddr, int dstAddr, int dstPort, long now) {
        return mix(secret ^ mix(((long) localAddr << 32) | (dstAddr & 0xffffffffL))
                ^ mix(((long) dstPort << 40) ^ (now / HASH_PERIOD_NS)));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
