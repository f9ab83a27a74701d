package org.tcpsim.nat;

import static org.tcpsim.kernel.SysctlNames.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.tcpsim.engine.Simulation;
import org.tcpsim.kernel.Sysctls;

/**
 * The conntrack table of one gateway: entries found by either direction's tuple, bounded by
 * nf_conntrack_max, each expiring after the timeout of its state (net/netfilter/nf_conntrack_core.c,
 * nf_conntrack_proto_tcp.c, nf_conntrack_proto_udp.c). Statistics carry the names `conntrack -S`
 * prints.
 */
final class ConntrackTable {
    static final int PROTO_TCP = 6;
    private static final long SECOND = 1_000_000_000L;
    /** nf_conntrack_proto_udp.c: udp_timeouts (UDP_CT_UNREPLIED, UDP_CT_REPLIED); not sysctls here. */
    private static final long UDP_UNREPLIED_NS = 30 * SECOND;
    private static final long UDP_REPLIED_NS = 120 * SECOND;
    /**
     * early_drop looks at NF_CT_EVICTION_RANGE (8) hash buckets; with nf_conntrack_max equal to the
     * bucket count and each entry hashed twice, that is about 16 entries: sampled at random here.
     */
    private static final int EARLY_DROP_SAMPLE = 16;

    private final Simulation sim;
    private final SplittableRandom random;
    private final int max;
    private final long[] tcpTimeoutNs = new long[TcpConntrackState.values().length];
    private final Map<ConntrackTuple, Conntrack> byTuple = new HashMap<>();
    private final List<Conntrack> live = new ArrayList<>();
    private long insert;
    private long drop;
    private long earlyDrop;
    private long insertFailed;
    private long invalid;

    ConntrackTable(Simulation sim, SplittableRandom random, Sysctls sysctls) {
        this.sim = sim;
        this.random = random;
        this.max = sysctls.getInt(NF_CONNTRACK_MAX);
        set(TcpConntrackState.SYN_SENT, sysctls, NF_CONNTRACK_TCP_TIMEOUT_SYN_SENT);
        set(TcpConntrackState.SYN_RECV, sysctls, NF_CONNTRACK_TCP_TIMEOUT_SYN_RECV);
        set(TcpConntrackState.ESTABLISHED, sysctls, NF_CONNTRACK_TCP_TIMEOUT_ESTABLISHED);
        set(TcpConntrackState.FIN_WAIT, sysctls, NF_CONNTRACK_TCP_TIMEOUT_FIN_WAIT);
        set(TcpConntrackState.CLOSE_WAIT, sysctls, NF_CONNTRACK_TCP_TIMEOUT_CLOSE_WAIT);
        set(TcpConntrackState.LAST_ACK, sysctls, NF_CONNTRACK_TCP_TIMEOUT_LAST_ACK);
        set(TcpConntrackState.TIME_WAIT, sysctls, NF_CONNTRACK_TCP_TIMEOUT_TIME_WAIT);
        set(TcpConntrackState.CLOSE, sysctls, NF_CONNTRACK_TCP_TIMEOUT_CLOSE);
    }

    private void set(TcpConntrackState s, Sysctls sysctls, String name) {
        tcpTimeoutNs[s.ordinal()] = Math.max(0, sysctls.getLong(name)) * SECOND;
    }

    /** The entry either of whose tuples is {@code t} (nf_conntrack_find_get). */
    Conntrack find(ConntrackTuple t) {
        return byTuple.get(t);
    }

    /** Whether some other flow already uses {@code t} in either direction (nf_conntrack_tuple_taken). */
    boolean taken(ConntrackTuple t) {
        return byTuple.containsKey(t);
    }

    /**
     * Room for one more entry: true below nf_conntrack_max, or after early_drop evicted an entry
     * it may take; false means the table is full ("nf_conntrack: table full, dropping packet").
     */
    boolean makeRoom() {
        if (max <= 0 || live.size() < max) {
            return true;
        }
        for (int i = 0; i < EARLY_DROP_SAMPLE && !live.isEmpty(); i++) {
            Conntrack victim = live.get(random.nextInt(live.size()));
            if (victim.canEarlyDrop()) {
                remove(victim);
                earlyDrop++;
                return true;
            }
        }
        drop++;
        return false;
    }

    /** Whether a packet with these TCP flags may start a flow (tcp_new); counts it INVALID if not. */
    boolean canStart(int protocol, int tcpFlags) {
        if (protocol != PROTO_TCP || TcpConntrackState.NONE.next(true, tcpFlags) != null) {
            return true;
        }
        invalid++;
        return false;
    }

    /** Adds a flow whose NAT mapping is decided (nf_conntrack_confirm). */
    Conntrack insert(ConntrackTuple original, ConntrackTuple reply) {
        Conntrack ct = new Conntrack(this, sim, original, reply);
        byTuple.put(original, ct);
        byTuple.put(reply, ct);
        ct.slot = live.size();
        live.add(ct);
        insert++;
        return ct;
    }

    void insertFailed() {
        insertFailed++;
    }

    /**
     * A packet of {@code ct} went through in the original direction or not: moves the TCP state,
     * sets SEEN_REPLY and ASSURED, and restarts the timeout (nf_conntrack_tcp_packet, udp_packet).
     * Returns false when a SYN reopens a closed TCP flow: the caller removes the entry and tracks
     * the packet as new.
     */
    boolean update(Conntrack ct, boolean original, int tcpFlags) {
        if (!original) {
            ct.seenReply = true;
        }
        if (ct.tcpState == null) {
            if (ct.seenReply) {
                ct.assured = true;
            }
            ct.timeout.armIn(ct.seenReply ? UDP_REPLIED_NS : UDP_UNREPLIED_NS);
            return true;
        }
        TcpConntrackState old = ct.tcpState;
        TcpConntrackState next = old.next(original, tcpFlags);
        if (next == null) {
            invalid++; // ignored or INVALID: the state and timeout stay
            return true;
        }
        if (next == TcpConntrackState.SYN_SENT && (old == TcpConntrackState.TIME_WAIT || old == TcpConntrackState.CLOSE)) {
            return false;
        }
        ct.tcpState = next;
        if (!ct.assured && ct.seenReply && next == TcpConntrackState.ESTABLISHED
                && (old == TcpConntrackState.SYN_RECV || old == TcpConntrackState.ESTABLISHED)) {
            ct.assured = true;
        }
        ct.timeout.armIn(tcpTimeoutNs[next.ordinal()]);
        return true;
    }

    void remove(Conntrack ct) {
        if (ct.slot < 0) {
            return;
        }
        byTuple.remove(ct.original);
        byTuple.remove(ct.reply);
        Conntrack last = live.remove(live.size() - 1);
        if (last != ct) {
            live.set(ct.slot, last);
            last.slot = ct.slot;
        }
        ct.slot = -1;
        ct.timeout.cancel();
    }

    void expire(Conntrack ct) {
        remove(ct);
    }

    int count() {
        return live.size();
    }

    Map<String, Long> statistics() {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("insert", insert);
        out.put("insert_failed", insertFailed);
        out.put("drop", drop);
        out.put("early_drop", earlyDrop);
        out.put("invalid", invalid);
        return out;
    }

    /** Entries by TCP state (UDP flows are counted under "UDP"). */
    Map<String, Long> byState() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (TcpConntrackState s : TcpConntrackState.values()) {
            if (s != TcpConntrackState.NONE) {
                out.put(s.name(), 0L);
            }
        }
        out.put("UDP", 0L);
        for (Conntrack ct : live) {
            out.merge(ct.tcpState == null ? "UDP" : ct.tcpState.name(), 1L, Long::sum);
        }
        return out;
    }
}
