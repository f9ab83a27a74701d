package org.tcpsim.tcp;

import java.util.ArrayList;
import java.util.List;
import org.tcpsim.engine.RandomStreams;
import org.tcpsim.engine.Simulation;
import org.tcpsim.kernel.KernelVersion;
import org.tcpsim.kernel.SysctlException;
import org.tcpsim.kernel.Sysctls;
import org.tcpsim.net.Host;
import org.tcpsim.net.LinkDirection;
import org.tcpsim.net.Network;
import org.tcpsim.net.Packet;
import org.tcpsim.net.loss.LossModelSpec;

/**
 * One model stack and a peer the test plays by hand, in the manner of a packetdrill script: the
 * stack connects, the test answers the SYN, then feeds it ACKs (with SACK blocks) at chosen
 * simulated times and reads back every segment the stack sent. Sequence numbers are written
 * relative to the stack's ISN, as packetdrill does ({@code ack(1 + 3 * MSS)}).
 */
final class ScriptedPeer {
    static final int LOCAL = 0x0a000001;
    static final int PEER = 0x0a000002;
    static final int PEER_PORT = 8080;
    static final long MS = 1_000_000L;

    final Simulation sim = new Simulation();
    final TcpStack stack;
    final Host peerHost;
    /** Everything the stack sent, in order. */
    final List<TcpSegment> out = new ArrayList<>();
    private int read;
    TcpSocket sock;
    private int iss;
    /** The peer's initial sequence number (packetdrill's 0). */
    int peerIsn = 1_000_000;
    private int ackWindow = 65535;
    /** Timestamps offered in the SYN-ACK ({@link #timestamps}); then every ACK echoes {@link #tsEcr}. */
    private boolean timestamps;
    private int tsEcr;

    ScriptedPeer(KernelVersion kernel, String... sysctls) {
        RandomStreams random = new RandomStreams(1);
        Network net = new Network(sim, random);
        Host host = net.addHost("local", LOCAL);
        peerHost = net.addHost("peer", PEER);
        // fast and without delay: a segment reaches the script at the instant it is sent
        LinkDirection wire = new LinkDirection(100_000_000_000L, 0, 100_000, true, 65535, LossModelSpec.NONE, 0, 0, 0);
        net.connect("local", "peer", wire, wire);
        net.computeRoutes();
        Sysctls s = Sysctls.defaults(kernel, 16L << 30);
        try {
            for (int i = 0; i + 1 < sysctls.length; i += 2) {
                s = s.with(sysctls[i], sysctls[i + 1]);
            }
        } catch (SysctlException e) {
            throw new IllegalArgumentException(e);
        }
        stack = TopologyHost.stack(host, sim, random, kernel, s);
        // read at transmission (synchronously), not at arrival; the peer host itself ignores them
        stack.setCapture(p -> {
            if (p.src == LOCAL) {
                out.add((TcpSegment) p);
            }
        });
        peerHost.registerProtocol(Packet.PROTO_TCP, (p, now) -> { });
    }

    /**
     * connect(); the SYN-ACK comes back {@code rttNs} later with MSS {@code mss}, SACK permitted,
     * window scale 7 and a 65535 x 128 window, no timestamps; the handshake's ACK is consumed.
     */
    TcpSocket connect(SocketOptions options, int mss, long rttNs) {
        return connect(options, mss, rttNs, new SocketCallbacks() {
        });
    }

    /** connect() with the application {@code app} (for instance one that reads what arrives). */
    TcpSocket connect(SocketOptions options, int mss, long rttNs, SocketCallbacks app) {
        sock = stack.connect(PEER, PEER_PORT, options, app);
        TcpSegment syn = next();
        iss = syn.seq;
        int synTsVal = syn.tsVal;
        at(sim.now() + rttNs);
        TcpSegment synAck = segment(TcpSegment.SYN | TcpSegment.ACK, 0);
        synAck.seq = peerIsn;
        synAck.ack = iss + 1;
        synAck.mssOption = mss;
        synAck.sackPermitted = true;
        synAck.windowScaleOption = 7;
        synAck.window = 65535;
        if (timestamps) {
            tsEcr = synTsVal;
            stamp(synAck);
        }
        deliver(synAck);
        next(); // the third ACK
        return sock;
    }

    /**
     * Before {@link #connect}: the SYN-ACK offers timestamps, and each ACK carries TSval = the peer's
     * clock in ms and TSecr = the value last given to {@link #echo} (at first the SYN's TSval).
     */
    void timestamps() {
        timestamps = true;
    }

    /** The TSecr of the ACKs sent from now on (with {@link #timestamps}). */
    void echo(int tsVal) {
        tsEcr = tsVal;
    }

    /** Runs the simulation up to {@code t} (ns). */
    void at(long t) {
        sim.run(t);
    }

    /** The window field of the ACKs {@link #ack} sends from now on (65535 at first; scaled by 7). */
    void window(int field) {
        ackWindow = field;
    }

    /** An ACK of relative sequence {@code ackRel} with SACK blocks given as relative [start, end) pairs. */
    void ack(int ackRel, int... sackRel) {
        TcpSegment a = segment(TcpSegment.ACK, ackWindow);
        a.seq = peerIsn + 1;
        a.ack = iss + ackRel;
        if (timestamps) {
            stamp(a);
        }
        if (sackRel.length > 0) {
            a.sackBlocks = new int[sackRel.length];
            for (int i = 0; i < sackRel.length; i++) {
                a.sackBlocks[i] = iss + sackRel[i];
            }
        }
        deliver(a);
    }

    /** A data segment from the peer: {@code len} bytes at relative sequence {@code seqRel} (1 = first byte). */
    void data(int seqRel, int len) {
        TcpSegment d = segment(TcpSegment.ACK, 65535);
        d.seq = peerIsn + seqRel;
        d.ack = sock.snd.sndNxt;
        d.dataLength = len;
        deliver(d);
    }

    /** Segments the stack sent since the last call. */
    List<TcpSegment> sent() {
        List<TcpSegment> l = new ArrayList<>(out.subList(read, out.size()));
        read = out.size();
        return l;
    }

    /** The absolute sequence number of relative {@code rel}. */
    int abs(int rel) {
        return iss + rel;
    }

    /** Relative start sequence of a segment the stack sent. */
    int rel(TcpSegment s) {
        return s.seq - iss;
    }

    private TcpSegment next() {
        if (read >= out.size()) {
            throw new AssertionError("the stack sent nothing");
        }
        return out.get(read++);
    }

    private TcpSegment segment(int flags, int window) {
        TcpSegment s = new TcpSegment();
        s.src = PEER;
        s.dst = LOCAL;
        s.srcPort = PEER_PORT;
        s.dstPort = sock.localPort();
        s.flags = flags;
        s.window = window;
        s.sealLength();
        return s;
    }

    private void stamp(TcpSegment s) {
        s.hasTimestamps = true;
        s.tsVal = (int) (sim.now() / MS) + 1;
        s.tsEcr = tsEcr;
    }

    private void deliver(TcpSegment s) {
        s.sealLength();
        stack.deliver(s, sim.now());
    }
}
