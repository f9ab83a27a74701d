package org.tcpsim.tcp;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.tcpsim.engine.RandomStreams;
import org.tcpsim.engine.Simulation;
import org.tcpsim.engine.TimerFifo;
import org.tcpsim.kernel.KernelVersion;
import org.tcpsim.kernel.MibCounter;
import org.tcpsim.kernel.Sysctls;
import org.tcpsim.net.Host;
import org.tcpsim.net.Packet;
import org.tcpsim.net.ProtocolHandler;

/**
 * The TCP layer of one host's kernel: the connection tables (established and TIME_WAIT sockets
 * by 4-tuple, listeners by port), ISNs and timestamp offsets, ephemeral ports, MIB counters, and
 * the sysctls TCP reads (taken once, at boot). It is the narrow door between sockets and the
 * world: sockets see time, a way to send, timers and counters, never the topology.
 */
public final class TcpStack implements ProtocolHandler {
    /** TCP_TIMEWAIT_LEN: fixed, no sysctl changes it. */
    public static final long TIMEWAIT_LEN_NS = 60_000_000_000L;

    private final Host host;
    private final Simulation sim;
    private final long secret;
    private final long[] counters = new long[MibCounter.values().length];
    private final Map<Long, TcpSocket> connections = new HashMap<>();
    private final Map<Integer, TcpListener> listeners = new HashMap<>();
    private final TimerFifo<TcpSocket> timeWait;
    private Consumer<Packet> capture;
    private StateTrace trace;
    private long nextConnId;
    /** Open files on the host (all processes) against fs.file-max. */
    private long filesOpen;
    private int nofileLimit = 1024;

    final KernelVersion kernel;
    final TcpSettings settings;

    public TcpStack(Host host, Simulation sim, RandomStreams random, KernelVersion kernel, Sysctls sysctls) {
        this.host = host;
        this.sim = sim;
        this.kernel = kernel;
        this.secret = random.derive("host:" + host.name() + ":net_secret");
        this.settings = new TcpSettings(kernel, sysctls);
        this.timeWait = new TimerFifo<>(sim, TIMEWAIT_LEN_NS, (s, now) -> s.timeWaitExpired(now));
        host.registerProtocol(Packet.PROTO_TCP, this);
    }

    public Host host() {
        return host;
    }

    /** The host's current time (for capture hooks). */
    public long now() {
        return sim.now();
    }

    /** Whether any socket or listener was ever created here (hosts without TCP stay out of timeseries). */
    public boolean everUsed() {
        return nextConnId > 0 || !listeners.isEmpty();
    }

    Simulation sim() {
        return sim;
    }

    /** Sees every segment this host sends and receives (for pcap). */
    public void setCapture(Consumer<Packet> capture) {
        this.capture = capture;
    }

    /** RLIMIT_NOFILE for processes started from now on (the host's ulimit_nofile). */
    public void setNofileLimit(int limit) {
        this.nofileLimit = limit;
    }

    /** A process on this host, with its own descriptor table. */
    public TcpProcess newProcess(String name) {
        return new TcpProcess(this, name, nofileLimit);
    }

    /** One more open file on the host, or ENFILE past fs.file-max (alloc_file / get_empty_filp). */
    void takeFileSlot() {
        if (filesOpen >= settings.fileMax) {
            throw new TcpError("ENFILE", "fs.file-max (" + settings.fileMax + ") files open on " + host.name());
        }
        filesOpen++;
    }

    void releaseFileSlot() {
        filesOpen--;
    }

    /** Hears every state change of every socket on this host (--trace states). */
    public void setStateTrace(StateTrace trace) {
        this.trace = trace;
    }

    void stateChanged(TcpSocket s, TcpState from, TcpState to, String cause, long now) {
        if (trace != null) {
            trace.transition(s, from, to, cause, now);
        }
    }

    public long counter(MibCounter c) {
        return counters[c.ordinal()];
    }

    void count(MibCounter c) {
        counters[c.ordinal()]++;
    }

    /** connect(): a new socket in SYN_SENT, or an errno name thrown as {@link TcpError} (EADDRNOTAVAIL). */
    public TcpSocket connect(int dstAddr, int dstPort, SocketOptions options, SocketCallbacks callbacks) {
        int port = pickEphemeralPort(dstAddr, dstPort);
        TcpSocket s = new TcpSocket(this, nextConnId++, port, dstAddr, dstPort, options, callbacks);
        connections.put(key(port, dstAddr, dstPort), s);
        s.connect(sim.now());
        return s;
    }

    /** listen(): backlog clamped by net.core.somaxconn (__sys_listen_socket). EADDRINUSE if taken. */
    public TcpListener listen(int port, int backlog, SocketOptions options, ListenerCallbacks callbacks) {
        if (listeners.containsKey(port)) {
            throw new TcpError("EADDRINUSE", "port " + port + " already has a listener on " + host.name());
        }
        int clamped = Integer.compareUnsigned(backlog, settings.somaxconn) > 0 ? settings.somaxconn : backlog;
        TcpListener l = new TcpListener(this, port, clamped, options, callbacks);
        listeners.put(port, l);
        return l;
    }

    /** The listener on a port, or null. */
    public TcpListener listener(int port) {
        return listeners.get(port);
    }

    void unlisten(TcpListener l) {
        listeners.remove(l.port(), l);
    }

    @Override
    public void deliver(Packet p, long now) {
        TcpSegment seg = (TcpSegment) p;
        count(MibCounter.TCP_IN_SEGS);
        if (capture != null) {
            capture.accept(seg);
        }
        TcpSocket s = connections.get(key(seg.dstPort, seg.src, seg.srcPort));
        if (s != null && s.timeWaitAcceptsSyn(seg) && listeners.containsKey(seg.dstPort)) {
            // a new SYN takes over the 4-tuple of a TIME_WAIT socket (tcp_timewait_state_process: TCP_TW_SYN)
            s.moveTo(TcpEvent.TIMER_EXPIRED, "syn-reuses-time-wait", now);
            s = null;
        }
        if (s != null) {
            s.segmentArrived(seg, now);
            return;
        }
        TcpListener l = listeners.get(seg.dstPort);
        if (l != null && !l.isClosed() && seg.has(TcpSegment.SYN) && !seg.has(TcpSegment.ACK)
                && !seg.has(TcpSegment.RST)) {
            passiveOpen(l, seg, now);
            return;
        }
        if (!seg.has(TcpSegment.RST)) {
            sendReset(seg, now); // no socket: tcp_v4_send_reset
        }
    }

    private void passiveOpen(TcpListener l, TcpSegment syn, long now) {
        if (l.acceptQueueFull()) {
            // tcp_conn_request: a full accept queue drops the SYN (ListenOverflows, ListenDrops)
            count(MibCounter.LISTEN_OVERFLOWS);
            count(MibCounter.LISTEN_DROPS);
            return;
        }
        TcpSocket child = new TcpSocket(this, nextConnId++, syn.dstPort, syn.src, syn.srcPort, l.options(), null);
        connections.put(key(syn.dstPort, syn.src, syn.srcPort), child);
        l.synQueueLength++;
        child.passiveOpen(l, syn, now);
    }

    /** A RST answering a segment that matched no socket (tcp_v4_send_reset), RFC 9293 3.10.7.1. */
    void sendReset(TcpSegment in, long now) {
        TcpSegment rst = new TcpSegment();
        rst.dst = in.src;
        rst.srcPort = in.dstPort;
        rst.dstPort = in.srcPort;
        if (in.has(TcpSegment.ACK)) {
            rst.seq = in.ack;
            rst.flags = TcpSegment.RST;
        } else {
            rst.seq = 0;
            rst.ack = in.seq + in.seqLength();
            rst.flags = TcpSegment.RST | TcpSegment.ACK;
        }
        count(MibCounter.TCP_OUT_RSTS);
        transmit(rst, now, true);
    }

    /** IP output of one segment; {@code counts} is false for retransmissions (OutSegs excludes them). */
    void transmit(TcpSegment seg, long now, boolean counts) {
        seg.src = host.address();
        seg.sealLength();
        if (counts) {
            count(MibCounter.TCP_OUT_SEGS);
        }
        if (capture != null) {
            capture.accept(seg);
        }
        host.send(seg, now);
    }

    void remove(TcpSocket s) {
        connections.remove(key(s.localPort(), s.remoteAddress(), s.remotePort()), s);
    }

    /** Starts (or restarts) a TIME_WAIT socket's 60 s; returns its deadline. */
    long scheduleTimeWait(TcpSocket s) {
        return timeWait.add(s);
    }

    /** Sockets in the tables by state, for timeseries. */
    public int[] socketsByState() {
        int[] n = new int[TcpState.values().length];
        for (TcpSocket s : connections.values()) {
            n[s.state().ordinal()]++;
        }
        n[TcpState.LISTEN.ordinal()] += listeners.size();
        return n;
    }

    /**
     * Initial sequence number: a keyed hash of the 4-tuple plus a clock ticking every 64 ns
     * (secure_tcp_seq: siphash(saddr, daddr, sport, dport) + (ktime_get_real_ns() >> 6)).
     */
    int initialSequence(int localPort, int remoteAddr, int remotePort, long now) {
        return (int) fourTupleHash(localPort, remoteAddr, remotePort) + (int) (now >>> 6);
    }

    /**
     * TCP timestamp offset: none on 4.9; on 6.18.19 the high half of the same keyed hash as the
     * ISN, so it depends on the ports too (secure_tcp_seq_and_ts_off after commit 165573e41f2f).
     */
    int timestampOffset(int localPort, int remoteAddr, int remotePort) {
        if (!kernel.hasTimestampOffsets()) {
            return 0;
        }
        return (int) (fourTupleHash(localPort, remoteAddr, remotePort) >>> 32);
    }

    private long fourTupleHash(int localPort, int remoteAddr, int remotePort) {
        long x = secret ^ ((long) host.address() << 32 | (remoteAddr & 0xffffffffL));
        x = mix(x) ^ ((long) localPort << 16 | remotePort);
        return mix(x);
    }

    /**
     * connect()'s port choice, after __inet_hash_connect(): start at a keyed offset into
     * ip_local_port_range, try even ports first then odd ones, skip reserved ports and ports whose
     * 4-tuple to this destination is taken. Only the 4-tuple must be unique, so a port is shared
     * across destinations. (tcp_tw_reuse and the offset's per-destination table are modelled with
     * the kernel limits.)
     */
    private int pickEphemeralPort(int dstAddr, int dstPort) {
        int low = settings.portLow;
        int high = settings.portHigh;
        int range = high - low + 1;
        int offset = (int) Long.remainderUnsigned(mix(secret ^ ((long) dstAddr << 16) ^ dstPort), range) & ~1;
        BitSet reserved = settings.reservedPorts;
        for (int parity = 0; parity < 2; parity++) {
            for (int i = 0; i < range; i += 2) {
                int port = low + ((offset + i + parity) % range);
                if (port > high || reserved.get(port)) {
                    continue;
                }
                if (!connections.containsKey(key(port, dstAddr, dstPort))) {
                    return port;
                }
            }
        }
        throw new TcpError("EADDRNOTAVAIL", "no free local port to " + dstAddr + ":" + dstPort);
    }

    static long key(int localPort, int remoteAddr, int remotePort) {
        return (long) remoteAddr << 32 | (long) localPort << 16 | remotePort;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
