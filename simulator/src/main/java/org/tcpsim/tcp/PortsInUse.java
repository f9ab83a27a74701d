package org.tcpsim.tcp;

import org.tcpsim.engine.LongMap;

/**
 * Which local ports of ip_local_port_range each destination (address, port) holds on this host,
 * established or in TIME_WAIT: what __inet_hash_connect's scan would find one port at a time, kept
 * so that connect() can jump over taken ports instead of probing each (see {@link EphemeralPorts}).
 *
 * <p>A destination with few ports keeps them in a short list (the scan then probes at most that
 * many taken ports); past {@link #LIST_LIMIT} it keeps two bit maps over the range, one for
 * established 4-tuples and one for TIME_WAIT ones. It also remembers, after a connect() that found
 * no port, until when that answer stands (see {@link Destination#failedUntil}), so repeated
 * failures cost O(1). Ports outside the range are only counted, for listen()'s bind check.
 */
final class PortsInUse {
    /** Ports a destination keeps in a list before it switches to bit maps. */
    static final int LIST_LIMIT = 16;
    private static final int TIME_WAIT_FLAG = 1 << 16;

    /** One destination's ports, as positions (port - low) in the range. */
    static final class Destination {
        int count;
        /** Positions, with {@link #TIME_WAIT_FLAG} for TIME_WAIT, while count <= LIST_LIMIT; else null. */
        int[] list = new int[4];
        /** Bit maps over positions once the list overflowed: established, TIME_WAIT. */
        long[] established;
        long[] timeWait;
        /**
         * After a connect() that found no port: until this time no port can be free for this
         * destination unless a port is released or a listener closes (both reset it). The
         * earliest moment a TIME_WAIT sock of this destination becomes reusable lowers it.
         */
        long failedUntil = Long.MIN_VALUE;
        /** {@link PortsInUse#listenerEpoch} when the failure was recorded. */
        int failedEpoch;
        /** The side of an odd-sized range the failed scan could reach (see {@link EphemeralPorts#pick}). */
        boolean failedSide;

        boolean isDense() {
            return list == null;
        }
    }

    private final int low;
    private final int high;
    private final LongMap<Destination> byDestination = new LongMap<>();
    /** Sockets per local port outside the range (accepted connections on a listening port, bound connects). */
    private final LongMap<int[]> outsideRange = new LongMap<>();
    /** Grows whenever a listener closes: a port it held may now be free for every destination. */
    private int listenerEpoch;

    PortsInUse(TcpSettings settings) {
        this.low = settings.portLow;
        this.high = settings.portHigh;
    }

    /** The destination's ports, or null if it holds none. */
    Destination destination(int remoteAddr, int remotePort) {
        return byDestination.get(key(remoteAddr, remotePort));
    }

    /** A socket on this 4-tuple entered the established table. */
    void established(int localPort, int remoteAddr, int remotePort) {
        if (!inRange(localPort)) {
            countOutside(localPort, 1);
            return;
        }
        long k = key(remoteAddr, remotePort);
        Destination d = byDestination.get(k);
        if (d == null) {
            d = new Destination();
            byDestination.put(k, d);
        }
        add(d, localPort - low);
    }

    /**
     * The 4-tuple moved from the established table to TIME_WAIT (or the FIN_WAIT2 substate); it
     * may be taken over from {@code reusableAtNs} on (Long.MAX_VALUE: not while it stays so).
     */
    void enteredTimeWait(int localPort, int remoteAddr, int remotePort, long reusableAtNs) {
        if (!inRange(localPort)) {
            return;
        }
        Destination d = byDestination.get(key(remoteAddr, remotePort));
        int pos = localPort - low;
        if (d.isDense()) {
            clear(d.established, pos);
            set(d.timeWait, pos);
        } else {
            d.list[indexOf(d, pos)] = pos | TIME_WAIT_FLAG;
        }
        mayFreeAt(d, reusableAtNs);
    }

    /** A TIME_WAIT sock of this 4-tuple may be taken over from {@code reusableAtNs} on (it changed substate). */
    void reusableFrom(int localPort, int remoteAddr, int remotePort, long reusableAtNs) {
        if (inRange(localPort)) {
            mayFreeAt(byDestination.get(key(remoteAddr, remotePort)), reusableAtNs);
        }
    }

    /** The 4-tuple left both tables: its port is free for this destination again. */
    void released(int localPort, int remoteAddr, int remotePort) {
        if (!inRange(localPort)) {
            countOutside(localPort, -1);
            return;
        }
        long k = key(remoteAddr, remotePort);
        Destination d = byDestination.get(k);
        int pos = localPort - low;
        if (d.isDense()) {
            clear(d.established, pos);
            clear(d.timeWait, pos);
        } else {
            int i = indexOf(d, pos);
            d.list[i] = d.list[d.count - 1];
        }
        if (--d.count == 0) {
            byDestination.remove(k, d);
        }
        d.failedUntil = Long.MIN_VALUE;
    }

    /** A listener closed: the port it held may be free again, for every destination. */
    void listenerClosed() {
        listenerEpoch++;
    }

    /** Whether a scan from {@code side} of the range is known to find no port at {@code now}. */
    boolean knownToFail(Destination d, long now, boolean side) {
        return d != null && d.failedEpoch == listenerEpoch && now < d.failedUntil && d.failedSide == side;
    }

    /** A scan from {@code side} found no port; the answer stands until {@code retryAtNs} or a release. */
    void failed(Destination d, long retryAtNs, boolean side) {
        d.failedUntil = retryAtNs;
        d.failedEpoch = listenerEpoch;
        d.failedSide = side;
    }

    /** Whether any socket (any destination, established or TIME_WAIT) uses this local port (inet_csk_bind_conflict). */
    boolean localPortUsed(int port) {
        if (!inRange(port)) {
            return outsideRange.get(port) != null;
        }
        int pos = port - low;
        boolean[] used = new boolean[1];
        byDestination.forEachValue(d -> used[0] |= holds(d, pos));
        return used[0];
    }

    /** Whether the destination holds this position (established or TIME_WAIT). */
    static boolean holds(Destination d, int pos) {
        if (d.isDense()) {
            return get(d.established, pos) || get(d.timeWait, pos);
        }
        for (int i = 0; i < d.count; i++) {
            if ((d.list[i] & ~TIME_WAIT_FLAG) == pos) {
                return true;
            }
        }
        return false;
    }

    /** Calls {@code action} with each port (low + position) the destination holds in TIME_WAIT. */
    static void forEachTimeWait(Destination d, int low, java.util.function.IntConsumer action) {
        if (d.isDense()) {
            for (int w = 0; w < d.timeWait.length; w++) {
                for (long bits = d.timeWait[w]; bits != 0; bits &= bits - 1) {
                    action.accept(low + (w << 6) + Long.numberOfTrailingZeros(bits));
                }
            }
        } else {
            for (int i = 0; i < d.count; i++) {
                if (listTimeWait(d, i)) {
                    action.accept(low + listPosition(d, i));
                }
            }
        }
    }

    /** Position {@code pos} of the destination's list entry {@code i}, and whether it is TIME_WAIT. */
    static int listPosition(Destination d, int i) {
        return d.list[i] & ~TIME_WAIT_FLAG;
    }

    static boolean listTimeWait(Destination d, int i) {
        return (d.list[i] & TIME_WAIT_FLAG) != 0;
    }

    static boolean get(long[] bits, int pos) {
        return (bits[pos >>> 6] & (1L << pos)) != 0;
    }

    private void add(Destination d, int pos) {
        if (d.isDense()) {
            set(d.established, pos);
        } else if (d.count < LIST_LIMIT) {
            if (d.count == d.list.length) {
                d.list = java.util.Arrays.copyOf(d.list, d.count * 2);
            }
            d.list[d.count] = pos;
        } else {
            int words = (high - low + 1 + 63) >>> 6;
            d.established = new long[words];
            d.timeWait = new long[words];
            for (int i = 0; i < d.count; i++) {
                set(listTimeWait(d, i) ? d.timeWait : d.established, listPosition(d, i));
            }
            d.list = null;
            set(d.established, pos);
        }
        d.count++;
    }

    private static void mayFreeAt(Destination d, long atNs) {
        d.failedUntil = Math.min(d.failedUntil, atNs);
    }

    private static int indexOf(Destination d, int pos) {
        for (int i = 0; i < d.count; i++) {
            if ((d.list[i] & ~TIME_WAIT_FLAG) == pos) {
                return i;
            }
        }
        throw new IllegalStateException("position " + pos + " not held");
    }

    private void countOutside(int port, int delta) {
        int[] n = outsideRange.get(port);
        if (n == null) {
            outsideRange.put(port, new int[] {delta});
        } else if ((n[0] += delta) == 0) {
            outsideRange.remove(port, n);
        }
    }

    private boolean inRange(int port) {
        return port >= low && port <= high;
    }

    private static void set(long[] bits, int pos) {
        bits[pos >>> 6] |= 1L << pos;
    }

    private static void clear(long[] bits, int pos) {
        bits[pos >>> 6] &= ~(1L << pos);
    }

    private static long key(int addr, int port) {
        return (long) addr << 16 | port;
    }
}
