package org.tcpsim.tcp;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.tcpsim.engine.LongMap;
import org.tcpsim.engine.Scheduler;
import org.tcpsim.kernel.KernelVersion;
import org.tcpsim.kernel.MibCounter;
import org.tcpsim.kernel.Sysctls;
import org.tcpsim.net.Packet;
import org.tcpsim.net.ProtocolHandler;

/**
 * The TCP layer of one host's kernel: the connection tables (established and TIME_WAIT sockets
 * by 4-tuple, listeners by port), ISNs and timestamp offsets, ephemeral ports, MIB counters, and
 * the sysctls TCP reads (taken once, at boot). It sees its host only through {@link TcpHost}
 * (time, timers, IP output, random streams, sysctls), never the topology.
 */
public final class TcpStack implements ProtocolHandler {
    /** TCP_TIMEWAIT_LEN: fixed, no sysctl changes it. */
    public static final long TIMEWAIT_LEN_NS = 60_000_000_000L;

    private final TcpHost host;
    private final Scheduler clock;
    /** net_secret: the key of the ISN and timestamp-offset hash ({@link SecureSeq}), the port scan and SYN cookies. */
    final long secret;
    private static final int MIB_COUNTERS = MibCounter.values().length;
    /** MIB counters, allocated at the first count: a host that never speaks TCP holds none. */
    private long[] counters;
    private final LongMap<TcpSocket> connections = new LongMap<>();
    private final Map<Integer, TcpListener> listeners = new HashMap<>();
    private final TimeWaitTable timeWait;
    final EphemeralPorts ports;
    PortsInUse portsInUse;
    private final TcpConnRequest requests;
    private final PeerTimestamps peerTimestamps = new PeerTimestamps();
    /** Peers with RTT metrics (tcp_metrics), i.e. proven for the last-quarter rule of tcp_max_syn_backlog. */
    private final Set<Integer> provenPeers = new HashSet<>();
    private long uptimeNs;
    final TcpMemory memory;
    private Consumer<Packet> capture;
    /** Free segments of this stack, when its host lets delivered segments be reused; else null. */
    private final SegmentPool pool;
    /**
     * tcp_ack's on-stack structs (tcp_sacktag_state, ack_sample, rate_sample): a host's sockets process
     * one ACK at a time and none of them outlives its ACK, so the stack keeps one of each, not every
     * socket (three objects fewer for the ACK path to bring into the cache).
     */
    final SackTagState ackTag = new SackTagState();
    final CongestionSamples.Ack ackSample = new CongestionSamples.Ack();
    final CongestionSamples.Rate rateSample = new CongestionSamples.Rate();
    private StateTrace trace;
    /** What the port scan of a connect() asks about, made at the first connect() (see {@link ConnectProbe}). */
    private ConnectProbe connectProbe;
    private long nextConnId;
    /** Open files on the host (all processes) against fs.file-max. */
    private long filesOpen;
    private int nofileLimit = 1024;

    final KernelVersion kernel;
    TcpSettings settings;
    private Sysctls sysctls;
    /** net.ipv4.tcp_congestion_control with the host's module parameters; null if the sysctl names no built-in and none was set. */
    private CongestionChoice defaultCongestion;

    /** A stack on {@code host}; segments for it are handed to {@link #deliver}. */
    public TcpStack(TcpHost host) {
        this.host = host;
        this.clock = host.clock();
        this.kernel = host.kernel();
        this.secret = host.secret("net_secret");
        this.sysctls = host.sysctls();
        this.settings = new TcpSettings(kernel, sysctls);
        this.timeWait = new TimeWaitTable(this);
        this.portsInUse = new PortsInUse(settings);
        this.ports = new EphemeralPorts(secret, host.random("ephemeral-ports"));
        this.requests = new TcpConnRequest(this, secret);
        this.memory = new TcpMemory(this, settings.tcpMem);
        this.defaultCongestion = CongestionChoice.builtin(settings.congestionControl);
        this.pool = host.recyclesDelivered() ? new SegmentPool() : null;
    }

    /** The host's congestion control (Linux: tcp_set_default_congestion_control, with the module's parameters). */
    public void setDefaultCongestion(CongestionChoice choice) {
        this.defaultCongestion = choice;
    }

    /** What sockets use unless they choose another (TCP_CONGESTION). */
    public CongestionChoice defaultCongestion() {
        return defaultCongestion;
    }

    public TcpHost host() {
        return host;
    }

    /** The sysctls in force. */
    public Sysctls sysctls() {
        return sysctls;
    }

    /**
     * A sysctl written while the host runs (a packetdrill script's {@code `sysctl ...`} event): TCP
     * reads its knobs anew from now on, as Linux reads most of them at use. Tables sized at boot
     * (TIME_WAIT's fin timeout FIFO, tcp_mem) keep their boot values.
     */
    public void reloadSysctls(Sysctls updated) {
        String congestion = settings.congestionControl;
        this.sysctls = updated;
        this.settings = new TcpSettings(kernel, updated);
        // the range, the reserved ports or tcp_tw_reuse may have changed: index the ports in use anew
        PortsInUse fresh = new PortsInUse(settings);
        connections.forEachValue(s -> fresh.established(s.localPort(), s.remoteAddress(), s.remotePort()));
        timeWait.forEach(tw -> {
            fresh.established(tw.localPort, tw.remoteAddr, tw.remotePort);
            fresh.enteredTimeWait(tw.localPort, tw.remoteAddr, tw.remotePort, timeWait.reusableAtNs(tw));
        });
        portsInUse = fresh;
        if (!settings.congestionControl.equals(congestion)) {
            defaultCongestion = CongestionChoice.builtin(settings.congestionControl); // new sockets take the new default
        }
    }

    /** The host's current time (for capture hooks). */
    public long now() {
        return clock.now();
    }

    /** Whether any socket or listener was ever created here (hosts without TCP stay out of timeseries). */
    public boolean everUsed() {
        return nextConnId > 0 || !listeners.isEmpty();
    }

    /** The clock every timer of this stack is armed on. */
    Scheduler clock() {
        return clock;
    }

    /** tcp_send_challenge_ack's host-wide limit and its random stream, made on first use. */
    private ChallengeAckLimit challengeAckLimit;
    private SplittableRandom challengeRandom;

    /** Whether the host-wide net.ipv4.tcp_challenge_ack_limit lets one more challenge ACK go now. */
    boolean challengeAckAllowed(long now) {
        if (settings.challengeAckLimit == Integer.MAX_VALUE) {
            return true; // 6.x's default: no host-wide limit
        }
        if (challengeAckLimit == null) {
            challengeAckLimit = new ChallengeAckLimit();
            challengeRandom = host.random("tcp_challenge_count");
        }
        return challengeAckLimit.allow(now, settings.challengeAckLimit, kernel == KernelVersion.V4_9, challengeRandom);
    }

    /** The kernel's get_random_u32 for congestion modules (BBR's gain-cycle phase), made on first use. */
    private SplittableRandom kernelRandom;

    SplittableRandom random() {
        if (kernelRandom == null) {
            kernelRandom = host.random("get_random_u32");
        }
        return kernelRandom;
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
        if (!fileSlotFree()) {
            throw fileTableFull();
        }
        filesOpen++;
    }

    /** Whether {@link #takeFileSlot} would succeed. */
    boolean fileSlotFree() {
        return filesOpen < settings.fileMax;
    }

    TcpError fileTableFull() {
        return new TcpError("ENFILE", "fs.file-max (" + settings.fileMax + ") files open on " + host.name());
    }

    void releaseFileSlot() {
        filesOpen--;
    }

    /** Hears every state change of every socket on this host (--trace states). */
    public void setStateTrace(StateTrace trace) {
        this.trace = trace;
    }

    void stateChanged(long connId, TcpSocket socket, TcpState from, TcpState to, String cause, long now) {
        if (trace != null) {
            trace.transition(connId, socket, from, to, cause, now);
        }
    }

    /** Time since boot at the start of the run (the host's `uptime`): the TCP timestamp clock's origin. */
    public void setUptimeNs(long uptimeNs) {
        this.uptimeNs = uptimeNs;
    }

    /** The host's TCP timestamp clock in ms (tcp_time_stamp_ts), before any per-connection offset. */
    int tsClock(long now) {
        return (int) ((uptimeNs + now) / 1_000_000L);
    }

    /** The first time (ns) at which {@link #tsClock} reads {@code ago - 1} ms less than it reads at {@code now}. */
    long tsClockAfterNs(long now, int ago) {
        return ((uptimeNs + now) / 1_000_000L - ago + 1) * 1_000_000L - uptimeNs;
    }

    /**
     * MSS advertised on SYNs to {@code remoteAddr}: the route's MTU minus the headers, capped at
     * IPV4_MAX_PMTU minus them (ipv4_default_advmss): 65495 over lo, whose MTU is 64 KiB.
     */
    int advmss(int remoteAddr) {
        return Math.min(host.mtu(remoteAddr), IPV4_MAX_PMTU) - TcpSocket.HEADERS;
    }

    /** IPV4_MAX_PMTU: the largest IPv4 packet, 65535 bytes. */
    private static final int IPV4_MAX_PMTU = 65535;

    /** The window scale offered with these options (tcp_select_initial_window). */
    int offeredWscale(SocketOptions o) {
        // a locked buffer: tcp_full_space at the default scaling_ratio; else rmem[2] or rmem_max
        long space = o.rcvbuf() >= 0
                ? SocketOptionCalls.sockRcvbuf(o.rcvbuf(), settings) * TcpReceiver.DEFAULT_SCALING_RATIO
                        >> TcpReceiver.RMEM_TO_WIN_SCALE
                : Math.max(settings.rmem[2], settings.rmemMax);
        return TcpReceiver.chooseWscale(space);
    }

    PeerTimestamps peerTimestamps() {
        return peerTimestamps;
    }

    boolean peerProven(int addr) {
        return provenPeers.contains(addr);
    }

    /** A handshake completed with an RTT measurement: the peer now has tcp_metrics. */
    void rememberPeer(int addr) {
        provenPeers.add(addr);
    }

    long nextConnId() {
        return nextConnId++;
    }

    void register(TcpSocket s) {
        connections.put(key(s.localPort(), s.remoteAddress(), s.remotePort()), s);
        portsInUse.established(s.localPort(), s.remoteAddress(), s.remotePort());
    }

    public long counter(MibCounter c) {
        return counters == null ? 0 : counters[c.ordinal()];
    }

    void count(MibCounter c) {
        counters()[c.ordinal()]++;
    }

    void add(MibCounter c, long n) {
        counters()[c.ordinal()] += n;
    }

    private long[] counters() {
        long[] c = counters;
        if (c == null) {
            c = new long[MIB_COUNTERS];
            counters = c;
        }
        return c;
    }

    /** Pages charged against net.ipv4.tcp_mem on this host. */
    public long tcpMemPages() {
        return memory.pages();
    }

    /** Whether the host is under TCP memory pressure. */
    public boolean tcpMemPressure() {
        return memory.underPressure();
    }

    /**
     * connect(): a new socket in SYN_SENT on a port chosen as __inet_hash_connect() does, possibly
     * taking over a TIME_WAIT 4-tuple (tcp_twsk_unique); EADDRNOTAVAIL as a {@link TcpError}.
     */
    public TcpSocket connect(int dstAddr, int dstPort, SocketOptions options, SocketCallbacks callbacks) {
        TcpSocket s = tryConnect(dstAddr, dstPort, options, callbacks);
        if (s == null) {
            throw noLocalPort(dstAddr, dstPort);
        }
        return s;
    }

    /**
     * connect() as {@link #connect}, but a full port range returns null (EADDRNOTAVAIL, the errno
     * __inet_hash_connect returns) instead of throwing: a connect storm fails this way hundreds of
     * thousands of times, and nothing is allocated for a failure.
     */
    public TcpSocket tryConnect(int dstAddr, int dstPort, SocketOptions options, SocketCallbacks callbacks) {
        long now = clock.now();
        if (connectProbe == null) {
            connectProbe = new ConnectProbe();
        }
        connectProbe.aim(dstAddr, dstPort, now);
        EphemeralPorts.Choice choice = ports.pick(settings, portsInUse, host.address(), dstAddr, dstPort, now,
                timeWait.reuseApplies(), connectProbe, connectProbe);
        return choice == null ? null : open(choice, dstAddr, dstPort, options, callbacks, now);
    }

    /** The EADDRNOTAVAIL of a connect() to (dstAddr, dstPort) that found no free local port. */
    TcpError noLocalPort(int dstAddr, int dstPort) {
        return new TcpError("EADDRNOTAVAIL", "no free local port to " + Integer.toUnsignedString(dstAddr)
                + ":" + dstPort + " in " + settings.portLow + "-" + settings.portHigh);
    }

    /**
     * The destination of the connect() being placed, as the port scan asks about it: one per stack, aimed
     * before each pick (a pick never nests), so a connect() allocates no closures.
     */
    private final class ConnectProbe implements EphemeralPorts.FourTupleCheck, EphemeralPorts.ReuseClock {
        private int dstAddr;
        private int dstPort;
        private long now;

        void aim(int addr, int port, long at) {
            dstAddr = addr;
            dstPort = port;
            now = at;
        }

        @Override
        public EphemeralPorts.Choice check(int port) {
            return fourTupleFree(port, dstAddr, dstPort, false, now);
        }

        @Override
        public long earliestReuse(PortsInUse.Destination d) {
            return timeWait.earliestReuse(d, dstAddr, dstPort);
        }
    }

    /** bind(port) then connect(): only the 4-tuple must be free (EADDRINUSE on a listening port, EADDRNOTAVAIL). */
    public TcpSocket connectFrom(int localPort, int dstAddr, int dstPort, SocketOptions options,
                                 SocketCallbacks callbacks) {
        long now = clock.now();
        if (listeners.containsKey(localPort)) {
            throw new TcpError("EADDRINUSE", "port " + localPort + " is listening on " + host.name());
        }
        EphemeralPorts.Choice choice = fourTupleFree(localPort, dstAddr, dstPort, true, now);
        if (choice == null) {
            throw new TcpError("EADDRNOTAVAIL", "4-tuple in use: " + localPort + " -> " + dstPort);
        }
        return open(choice, dstAddr, dstPort, options, callbacks, now);
    }

    private TcpSocket open(EphemeralPorts.Choice choice, int dstAddr, int dstPort, SocketOptions options,
                           SocketCallbacks callbacks, long now) {
        TcpSocket s = new TcpSocket(this, nextConnId++, choice.port(), dstAddr, dstPort, options, callbacks);
        int isn = 0;
        if (choice.takeOver() != null) {
            TimeWaitSock tw = choice.takeOver();
            isn = tw.nextIsn(); // write_seq = tw_snd_nxt + 65535 + 2
            s.tsRecent = tw.tsRecent;
            s.tsRecentStampMs = tw.tsRecentStampMs;
            timeWait.takenOver(tw, now);
        }
        register(s);
        TcpHandshake.connect(s, now, isn);
        return s;
    }

    /** __inet_check_established for one candidate port. */
    EphemeralPorts.Choice fourTupleFree(int port, int dstAddr, int dstPort, boolean bound, long now) {
        if (!bound && listeners.containsKey(port)) {
            return null; // a bind bucket made by bind()/listen(): not for connect()
        }
        long k = key(port, dstAddr, dstPort);
        if (connections.containsKey(k)) {
            return null;
        }
        TimeWaitSock tw = timeWait.get(k);
        if (tw == null) {
            return new EphemeralPorts.Choice(port, null);
        }
        return timeWait.reusable(tw, bound, now) ? new EphemeralPorts.Choice(port, tw) : null;
    }

    /**
     * bind() to a local port (inet_csk_get_port -> inet_csk_bind_conflict): EADDRINUSE if a listener
     * has it, or if connections still use it (TIME_WAIT after a restart, say) and the new socket
     * does not set SO_REUSEADDR. The connections' own sk_reuse (inherited from their listener) is
     * not kept: they are taken to have it.
     */
    public void bind(int port, boolean reuseAddr) {
        if (listeners.containsKey(port)) {
            throw new TcpError("EADDRINUSE", "port " + port + " already has a listener on " + host.name());
        }
        if (!reuseAddr && portsInUse.localPortUsed(port)) {
            throw new TcpError("EADDRINUSE", "port " + port + " is still used by connections on " + host.name()
                    + " (set SO_REUSEADDR)");
        }
    }

    /**
     * listen(): backlog clamped by net.core.somaxconn (__sys_listen_socket). A workload's listen()
     * binds too, so the bind() rules apply here as well (EADDRINUSE).
     */
    public TcpListener listen(int port, int backlog, SocketOptions options, ListenerCallbacks callbacks) {
        bind(port, options.reuseAddr());
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
        if (listeners.remove(l.port(), l)) {
            portsInUse.listenerClosed();
        }
    }

    @Override
    public void deliver(Packet p, long now) {
        TcpSegment seg = (TcpSegment) p;
        count(MibCounter.TCP_IN_SEGS);
        if (capture != null && seg.src != host.address()) {
            capture.accept(seg); // one over lo was captured when sent: packet_rcv skips PACKET_LOOPBACK, as tcpdump -i lo shows
        }
        long k = key(seg.dstPort, seg.src, seg.srcPort);
        TcpSocket s = connections.get(k);
        if (s != null) {
            s.segmentArrived(seg, now);
            if (seg.pool != null && capture == null) {
                seg.pool.give(seg); // processed: nothing refers to it any more
            }
            return;
        }
        TimeWaitSock tw = timeWait.get(k);
        if (tw != null) {
            timeWait.arrived(tw, seg, now);
            return;
        }
        TcpListener l = listeners.get(seg.dstPort);
        if (l != null && !l.isClosed()) {
            if (seg.has(TcpSegment.RST)) {
                return;
            }
            if (seg.has(TcpSegment.SYN) && !seg.has(TcpSegment.ACK)) {
                requests.synArrived(l, seg, now, 0);
                return;
            }
            if (seg.has(TcpSegment.ACK) && !seg.has(TcpSegment.SYN) && requests.cookieAck(l, seg, now)) {
                return;
            }
        }
        if (!seg.has(TcpSegment.RST)) {
            sendReset(seg, now); // no socket: tcp_v4_send_reset
        }
    }

    /** A SYN a TIME_WAIT socket handed over (TCP_TW_SYN), with its tcp_tw_isn. */
    void passiveOpen(TcpListener l, TcpSegment syn, long now, int twIsn) {
        requests.synArrived(l, syn, now, twIsn);
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

    /** A new segment to send: a reused one when no one else will see it ({@link SegmentPool}). */
    TcpSegment newSegment() {
        return pool != null && capture == null ? pool.take() : new TcpSegment();
    }

    /** Segments waiting in this stack's free list (0 when it keeps none). */
    int pooledSegments() {
        return pool == null ? 0 : pool.size();
    }

    /**
     * IP output of one segment; {@code counts} is false for retransmissions (OutSegs excludes them).
     * False when the host's qdisc dropped it ({@link TcpHost#output}); OutSegs counts it all the same,
     * as __tcp_transmit_skb counts before ip_queue_xmit.
     */
    boolean transmit(TcpSegment seg, long now, boolean counts) {
        seg.src = host.address();
        seg.sealLength();
        if (counts) {
            count(MibCounter.TCP_OUT_SEGS);
        }
        if (capture != null) {
            capture.accept(seg);
        }
        return host.output(seg, now);
    }

    void remove(TcpSocket s) {
        if (connections.remove(key(s.localPort(), s.remoteAddress(), s.remotePort()), s)) {
            portsInUse.released(s.localPort(), s.remoteAddress(), s.remotePort());
        }
    }

    /** An orphan enters FIN_WAIT2: a timewait sock in that substate takes its place, or false. */
    boolean enterFinWait2(TcpSocket s, long timeoutNs, long now) {
        if (!timeWait.enterFinWait2(s, timeoutNs, now)) {
            return false;
        }
        movedToTimeWait(s);
        return true;
    }

    /** The socket enters TIME_WAIT: a timewait sock takes its place, or false (tcp_max_tw_buckets reached). */
    boolean enterTimeWait(TcpSocket s, long now) {
        if (!timeWait.enter(s, now)) {
            return false;
        }
        movedToTimeWait(s);
        return true;
    }

    /** The socket left the established table for a timewait sock: its port stays taken, perhaps reusable later. */
    private void movedToTimeWait(TcpSocket s) {
        long k = key(s.localPort(), s.remoteAddress(), s.remotePort());
        connections.remove(k, s);
        portsInUse.enteredTimeWait(s.localPort(), s.remoteAddress(), s.remotePort(),
                timeWait.reusableAtNs(timeWait.get(k)));
    }

    /** Sockets in the tables by state, for timeseries. */
    public int[] socketsByState() {
        int[] n = new int[TcpState.values().length];
        connections.forEachValue(s -> n[s.state().ordinal()]++);
        n[TcpState.TIME_WAIT.ordinal()] += timeWait.size() - timeWait.finWait2Count();
        n[TcpState.FIN_WAIT2.ordinal()] += timeWait.finWait2Count();
        n[TcpState.LISTEN.ordinal()] += listeners.size();
        return n;
    }

    static long key(int localPort, int remoteAddr, int remotePort) {
        return (long) remoteAddr << 32 | (long) localPort << 16 | remotePort;
    }
}
