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
    static final int PERTURB_SLOTS = 1 << 16;
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

    /** The earliest time a TIME_WAIT sock of the destination may be taken over (Long.MAX_VALUE: none). */
    @FunctionalInterface
    interface ReuseClock {
        long earliestReuse(PortsInUse.Destination d);
    }

    /**
     * table_perturb, holding only the slots ever moved (all start at 0). The slot follows the
     * destination and a 10 s clock, so a host touches a handful: a dense 2^16-entry array would
     * cost 256 KiB per host, 256 MiB for a thousand clients.
     */
    private final LongMap<int[]> perturb = new LongMap<>();
    private final long secret;
    private final SplittableRandom random;
    /** The settings of the current pick, and ip_local_reserved_ports over their range (null: none in it). */
    private TcpSettings settings;
    private TcpSettings reservedFor;
    private long[] reserved;
    /** What the last successful {@link #scan} accepted. */
    private Choice found;

    EphemeralPorts(long secret, SplittableRandom random) {
        this.secret = secret;
        this.random = random;
    }

    /**
     * The port __inet_hash_connect would choose for (dstAddr, dstPort), or null when it would
     * return EADDRNOTAVAIL, with the same table_perturb update and random draw. The kernel's loop:
     * {@code remaining} is the range rounded down to even, the start an even offset from low; each
     * pass steps by two from there and wraps by subtracting {@code remaining} once past the top (so
     * with a range of odd size the first pass reaches the top port and skips low); the second pass
     * starts one higher. On success table_perturb[index] grows by max(i, rand(8) * 2) + 2, i
     * counting from 0 in the pass that found the port; a failure changes nothing.
     *
     * <p>The kernel probes every port in that order. Here the ports this destination holds (and
     * the reserved ones) are skipped 64 at a time using {@link PortsInUse}, and only the others
     * are probed with {@code check}, so the first port it accepts is the one the kernel's scan
     * accepts. A held port is skipped only when it cannot pass: an established 4-tuple never
     * does, a TIME_WAIT one only when tcp_tw_reuse may apply ({@code reuseOn}).
     *
     * <p>A scan that finds nothing is remembered (see {@link PortsInUse#failed}) until a port of
     * the destination is released, one of its TIME_WAIT socks becomes reusable ({@code reuse}
     * says when), or a listener closes; until then the answer is given at once. Which ports the
     * scan visits does not depend on where it starts, except with a range of odd size: a start at
     * 0 never reaches the top port, any other start never reaches low, so the failure is kept
     * with the side it was found on.
     */
    Choice pick(TcpSettings st, PortsInUse inUse, int localAddr, int dstAddr, int dstPort, long now, boolean reuseOn,
                FourTupleCheck check, ReuseClock reuse) {
        if (st != reservedFor) {
            reserved = reservedPositions(st); // at boot, or after a sysctl write
            reservedFor = st;
        }
        settings = st;
        int size = settings.portHigh - settings.portLow + 1;
        int remaining = size > 1 ? size & ~1 : size;
        long portOffset = portOffset(localAddr, dstAddr, dstPort, now);
        int idx = (int) (portOffset & (PERTURB_SLOTS - 1));
        int[] slot = perturb.get(idx);
        // u32 offset = table_perturb[index] + (port_offset >> 32), wrapping, then % remaining
        long sum = ((slot == null ? 0 : slot[0]) + (portOffset >>> 32)) & 0xffffffffL;
        int offset = (int) (sum % remaining) & ~1;
        PortsInUse.Destination d = inUse.destination(dstAddr, dstPort);
        boolean side = size == remaining || offset == 0;
        if (inUse.knownToFail(d, now, side)) {
            return null;
        }
        int visits = (remaining + 1) / 2; // for (i = 0; i < remaining; i += 2)
        for (int start = offset; ; start++) {
            // visit k is position start + 2k while that is below size, start + 2k - remaining after
            int below = Math.min(visits, (size - start + 1) / 2);
            int i = scan(d, start, start + 2 * (below - 1), 0, reuseOn, check);
            if (i < 0 && below < visits) {
                i = scan(d, start + 2 * below - remaining, start + 2 * (visits - 1) - remaining, 2 * below,
                        reuseOn, check);
            }
            if (i >= 0) {
                if (slot == null) {
                    slot = new int[1];
                    perturb.put(idx, slot);
                }
                slot[0] += Math.max(i, random.nextInt(8) * 2) + 2;
                Choice c = found;
                found = null;
                return c;
            }
            if (start != offset || remaining <= 1) {
                if (d != null) {
                    inUse.failed(d, reuse.earliestReuse(d), side);
                }
                return null; // both parities tried (a one-port range has one pass)
            }
        }
    }

    /**
     * port_offset = secure_ipv4_port_ephemeral(saddr, daddr, dport): a keyed hash that also takes
     * the 10 s clock; the low 16 bits pick the table_perturb slot, the high 32 bits are added to it.
     */
    long portOffset(int localAddr, int dstAddr, int dstPort, long now) {
        return SecureSeq.mix(secret ^ SecureSeq.mix(((long) localAddr << 32) | (dstAddr & 0xffffffffL))
                ^ SecureSeq.mix(((long) dstPort << 40) ^ (now / HASH_PERIOD_NS)));
    }

    /** table_perturb[index] (0 for a slot never moved). */
    int perturb(int index) {
        int[] slot = perturb.get(index);
        return slot == null ? 0 : slot[0];
    }

    /**
     * Probes positions from..to (one parity, in steps of two) in order; returns the loop counter i
     * of the first one {@code check} accepts (iFrom at {@code from}), its choice left in
     * {@link #found}, or -1.
     */
    private int scan(PortsInUse.Destination d, int from, int to, int iFrom, boolean reuseOn, FourTupleCheck check) {
        for (int pos = from; pos <= to; pos += 2) {
            pos = nextCandidate(d, pos, to, reuseOn);
            if (pos < 0) {
                return -1;
            }
            Choice c = check.check(settings.portLow + pos);
            if (c != null) {
                found = c;
                return iFrom + (pos - from);
            }
        }
        return -1;
    }

    /**
     * The first position at or after {@code pos} (up to {@code to}, same parity) that is not
     * certainly refused: not reserved, not held by an established 4-tuple and, unless TIME_WAIT
     * socks may be reused, not by a TIME_WAIT one; -1 if there is none.
     */
    private int nextCandidate(PortsInUse.Destination d, int pos, int to, boolean reuseOn) {
        boolean dense = d != null && d.isDense();
        if (!dense && reserved == null) {
            return pos;
        }
        long parity = (pos & 1) == 0 ? 0x5555555555555555L : 0xAAAAAAAAAAAAAAAAL;
        int w = pos >>> 6;
        long open = ~taken(d, dense, w, reuseOn) & parity & (-1L << pos);
        while (open == 0) {
            w++;
            if (w << 6 > to) {
                return -1;
            }
            open = ~taken(d, dense, w, reuseOn) & parity;
        }
        int next = (w << 6) + Long.numberOfTrailingZeros(open);
        return next <= to ? next : -1;
    }

    private long taken(PortsInUse.Destination d, boolean dense, int word, boolean reuseOn) {
        long t = reserved == null ? 0 : reserved[word];
        if (dense) {
            t |= d.established[word];
            if (!reuseOn) {
                t |= d.timeWait[word];
            }
        }
        return t;
    }

    private static long[] reservedPositions(TcpSettings st) {
        int low = st.portLow;
        int first = st.reservedPorts.nextSetBit(low);
        if (first < 0 || first > st.portHigh) {
            return null;
        }
        long[] bits = new long[(st.portHigh - low + 1 + 63) >>> 6];
        for (int p = first; p >= 0 && p <= st.portHigh; p = st.reservedPorts.nextSetBit(p + 1)) {
            bits[(p - low) >>> 6] |= 1L << (p - low);
        }
        return bits;
    }
}
