package org.tcpsim.packetdrill;

import java.util.ArrayList;
import java.util.List;
import org.tcpsim.packetdrill.PacketSpec.TcpOption;
import org.tcpsim.packetdrill.Script.TimeKind;
import org.tcpsim.tcp.TcpSegment;

/**
 * Packet events (packetdrill's run_packet.c): finding the socket a script packet belongs to,
 * injecting inbound packets with their sequence numbers, ACKs, SACK blocks and TS ecr mapped to
 * live values, and for outbound lines sniffing what the kernel sent, joining consecutive segments
 * until the line's payload is reached (TSO/GSO; not with --strict_segments), mapping them to script
 * values and comparing every field packetdrill compares, then the time.
 */
final class Outbound {
    /** packetdrill's live_connect_port and live_bind_port. */
    static final int PORT = 8080;

    private final ScriptRun run;

    Outbound(ScriptRun run) {
        this.run = run;
    }

    void packetEvent(PacketSpec p) {
        Sock s;
        try {
            s = findOrCreateSocket(p);
        } catch (ScriptFailure e) {
            throw run.fail("error handling packet: " + e.getMessage());
        }
        if (p.inbound()) {
            run.waitForEvent();
            inbound(p, s);
        } else {
            outbound(p, s);
        }
    }

    // ---- which socket (find_or_create_socket_for_script_packet) ----

    private Sock findOrCreateSocket(PacketSpec p) {
        Sock sut = run.sut;
        if (p.inbound() && (sut == null || sut.isListening())) {
            // handle_listen_for_script_packet: a child for this inbound packet
            Sock child = run.newSock();
            child.state = Sock.State.PASSIVE_PACKET_RECEIVED;
            child.liveRemotePort = run.nextRemotePort++;
            child.liveLocalPort = PORT;
            child.liveRemoteIsn = p.seq();
            run.sut = child;
            return child;
        }
        if (!p.inbound() && p.has('S') && !p.has('.') && sut != null && sut.state == Sock.State.ACTIVE_CONNECTING) {
            sut.state = Sock.State.ACTIVE_SYN_SENT; // handle_connect_for_script_packet
            sut.scriptLocalIsn = p.seq();
            return sut;
        }
        if (sut != null) {
            return sut;
        }
        throw new ScriptFailure("no matching socket for script packet");
    }

    // ---- inbound ----

    private void inbound(PacketSpec p, Sock s) {
        if (s.state == Sock.State.PASSIVE_SYNACK_SENT && p.has('.')) {
            s.state = Sock.State.PASSIVE_SYNACK_ACKED;
        } else if (s.state == Sock.State.ACTIVE_SYN_SENT && p.has('S') && p.has('.')) {
            s.state = Sock.State.ACTIVE_SYN_ACKED;
            s.liveRemoteIsn = p.seq();
        }
        boolean syn = p.has('S');
        TcpSegment seg = new TcpSegment();
        seg.src = ScriptHost.REMOTE_ADDRESS;
        seg.dst = ScriptHost.LOCAL_ADDRESS;
        // map_inbound_packet: the socket's live 4-tuple, but ports the line names are kept
        seg.srcPort = p.srcPort() != 0 ? p.srcPort() : s.liveRemotePort;
        seg.dstPort = p.dstPort() != 0 ? p.dstPort() : s.liveLocalPort == 0 ? PORT : s.liveLocalPort;
        seg.flags = flags(p);
        seg.seq = (int) (p.seq() + s.remoteSeqScriptToLive(syn));
        long ackOffset = s.localSeqScriptToLive(syn);
        if (p.has('.')) {
            seg.ack = (int) (p.ack() + ackOffset);
        }
        seg.window = p.window();
        seg.urgPtr = p.urgPtr();
        seg.dataLength = p.length();
        for (TcpOption o : p.options()) {
            switch (o.kind()) {
                case MSS -> seg.mssOption = (int) o.a();
                case WSCALE -> seg.windowScaleOption = (int) o.a();
                case SACK_PERMITTED -> seg.sackPermitted = true;
                case SACK -> {
                    int[] blocks = new int[o.sackBlocks().length];
                    for (int i = 0; i < blocks.length; i++) {
                        blocks[i] = (int) (o.sackBlocks()[i] + ackOffset);
                    }
                    seg.sackBlocks = blocks;
                }
                case TIMESTAMP -> {
                    seg.hasTimestamps = true;
                    seg.tsVal = (int) o.a();
                    seg.tsEcr = (int) o.b();
                    if (p.has('.')) {
                        seg.tsEcr = (int) liveTsEcr(s, o.b());
                    }
                }
                default -> { }
            }
        }
        seg.sealLength();
        if (run.config.verbose()) {
            System.out.println(Wire.line("inbound injected", Wire.of(p, run.nowUs())));
        }
        run.stack.deliver(seg, run.nowNs());
    }

    /** map_inbound_packet's TS ecr: the live TS val sent as this script TS val, or interpolated, or an error. */
    private long liveTsEcr(Sock s, long scriptEcr) {
        Long live = s.tsValMap.get(scriptEcr);
        if (live != null) {
            return live;
        }
        if (run.config.tsEcrScaled() && s.foundFirstTs) {
            return (scriptEcr - s.firstScriptTsVal + s.firstActualTsVal) & 0xffffffffL;
        }
        throw run.fail("error handling packet: unable to infer live TS ecr for script TS ecr " + scriptEcr
                + ";  no matching or preceding outbound TS val");
    }

    private static int flags(PacketSpec p) {
        int f = 0;
        if (p.has('F')) {
            f |= TcpSegment.FIN;
        }
        if (p.has('S')) {
            f |= TcpSegment.SYN;
        }
        if (p.has('R')) {
            f |= TcpSegment.RST;
        }
        if (p.has('P')) {
            f |= TcpSegment.PSH;
        }
        if (p.has('.')) {
            f |= TcpSegment.ACK;
        }
        if (p.has('U')) {
            f |= TcpSegment.URG;
        }
        return f;
    }

    // ---- outbound ----

    private void outbound(PacketSpec p, Sock s) {
        boolean synAck = p.has('S') && p.has('.');
        if (s.state == Sock.State.PASSIVE_PACKET_RECEIVED && synAck) {
            s.scriptLocalIsn = p.seq();
        }
        Wire script = Wire.of(p, run.timeUs());
        int expected = p.length();
        List<Wire> fragments = new ArrayList<>();
        int sniffedPayload = 0;
        do {
            ScriptHost.Sent sent = sniff(s, p);
            TcpSegment live = sent.segment();
            if (s.state == Sock.State.PASSIVE_PACKET_RECEIVED && synAck) {
                s.state = Sock.State.PASSIVE_SYNACK_SENT;
                s.liveLocalIsn = Integer.toUnsignedLong(live.seq);
            }
            Wire w = toScript(s, Wire.of(live, sent.atNs() / 1000), live.has(TcpSegment.SYN));
            if (run.config.verbose()) {
                System.out.println(Wire.line("outbound sniffed", w));
            }
            if (!fragments.isEmpty()) {
                Wire prev = fragments.get(fragments.size() - 1);
                String err = fragmentMismatch(w, prev, sniffedPayload, expected);
                if (err != null) {
                    StringBuilder msg = new StringBuilder("error handling packet: " + err);
                    msg.append('\n').append(Wire.line("   script", script));
                    for (int i = 0; i < fragments.size(); i++) {
                        msg.append('\n').append(Wire.line("actual #" + i, fragments.get(i)));
                    }
                    msg.append('\n').append(Wire.line("actual #" + fragments.size(), w));
                    throw run.fail(msg.toString());
                }
            }
            fragments.add(w);
            sniffedPayload += w.length();
        } while (sniffedPayload < expected && !run.config.strictSegments());
        Wire first = fragments.get(0);
        Wire last = fragments.get(fragments.size() - 1);
        // aggregate_packets: the last fragment's header and time, the first's sequence number
        Wire actual = new Wire(last.fin(), last.syn(), last.rst(), last.psh(), last.ack(), first.seq(),
                sniffedPayload, last.ackSeq(), last.window(), last.options(), last.timeUs());
        if (sniffedPayload != expected) {
            throw run.fail("error handling packet: live packet payload: expected " + expected + " bytes vs actual "
                    + sniffedPayload + " bytes\n" + Wire.line("script", script) + "\n" + Wire.line("actual", actual));
        }
        mapTsVal(s, script, actual);
        Wire shown = actual;
        if (actual.options() != null && s.foundFirstTs) {
            shown = actual.withSeqs(actual.seq(), actual.ackSeq(), scriptTsVals(s, actual.options()));
        }
        String err = verify(script, shown);
        if (err == null) {
            err = run.verifyTime(run.event.timeKind(), run.timeUs(), run.timeEndUs(), actual.timeUs(),
                    run.lastEventTimeUs(), "outbound packet");
        }
        if (err != null) {
            throw run.fail("error handling packet: " + err + "\n" + Wire.line("script", script) + "\n"
                    + Wire.line("actual", shown));
        }
        if (run.nowUs() < actual.timeUs()) {
            run.advanceTo(actual.timeUs() * 1000);
        }
    }

    /** The next outbound segment of socket {@code s}, waiting for it as packetdrill's sniffer does. */
    private ScriptHost.Sent sniff(Sock s, PacketSpec p) {
        long expectedUs = Math.max(run.timeUs(), run.timeEndUs()) - run.scriptLastTimeUs;
        // packetdrill waits the expected gap in whole seconds plus 2 s; for '*' without end (here an hour)
        long timeoutNs = run.event.timeKind() == TimeKind.ANY ? 3600_000_000_000L
                : ((long) (expectedUs / 1e6) + 2) * 1_000_000_000L;
        long deadline = run.nowNs() + timeoutNs;
        while (true) {
            ScriptHost.Sent sent = run.host.sent.pollFirst();
            if (sent == null) {
                if (!run.host.awaitOutput(deadline)) {
                    throw run.fail("error handling packet: Timed out waiting for packet\n"
                            + Wire.line("script", Wire.of(p, run.timeUs())));
                }
                continue;
            }
            TcpSegment seg = sent.segment();
            if (seg.srcPort == s.liveLocalPort && seg.dstPort == s.liveRemotePort && s.liveRemotePort != 0) {
                return sent;
            }
            if (s.state == Sock.State.ACTIVE_SYN_SENT && seg.has(TcpSegment.SYN) && !seg.has(TcpSegment.ACK)
                    && seg.dstPort == PORT) {
                // find_connect_for_live_packet: the SYN of the connect() under test
                s.liveLocalPort = seg.srcPort;
                s.liveRemotePort = PORT;
                s.liveLocalIsn = Integer.toUnsignedLong(seg.seq);
                return sent;
            }
            if (run.config.verbose()) {
                System.out.println("ignored outbound packet (not for the socket under test): " + seg);
            }
        }
    }

    /** tcp_convert_seq_number: live sequence, ACK and SACK numbers into script space. */
    private static Wire toScript(Sock s, Wire w, boolean syn) {
        long seq = w.seq() - s.localSeqScriptToLive(syn);
        long ackOffset = -s.remoteSeqScriptToLive(syn);
        long ack = w.ack() ? w.ackSeq() + ackOffset : w.ackSeq();
        return w.withSeqs(seq, ack, shiftSack(w.options(), ackOffset));
    }

    private static List<TcpOption> shiftSack(List<TcpOption> options, long offset) {
        List<TcpOption> out = new ArrayList<>(options.size());
        for (TcpOption o : options) {
            if (o.kind() == TcpOption.Kind.SACK) {
                long[] b = o.sackBlocks().clone();
                for (int i = 0; i < b.length; i++) {
                    b[i] = (b[i] + offset) & 0xffffffffL;
                }
                out.add(new TcpOption(o.kind(), 0, 0, b));
            } else {
                out.add(o);
            }
        }
        return out;
    }

    /** map_outbound_live_packet's TS val bookkeeping. */
    private static void mapTsVal(Sock s, Wire script, Wire actual) {
        TcpOption st = ts(script.options());
        TcpOption at = ts(actual.options());
        if (st == null || at == null) {
            return;
        }
        s.tsValMap.put(st.a(), at.a());
        if (!s.foundFirstTs) {
            s.foundFirstTs = true;
            s.firstScriptTsVal = st.a();
            s.firstActualTsVal = at.a();
        }
    }

    private static List<TcpOption> scriptTsVals(Sock s, List<TcpOption> options) {
        List<TcpOption> out = new ArrayList<>(options.size());
        for (TcpOption o : options) {
            if (o.kind() == TcpOption.Kind.TIMESTAMP) {
                out.add(new TcpOption(o.kind(), (s.firstScriptTsVal + (o.a() - s.firstActualTsVal)) & 0xffffffffL,
                        o.b(), null));
            } else {
                out.add(o);
            }
        }
        return out;
    }

    private static TcpOption ts(List<TcpOption> options) {
        if (options == null) {
            return null;
        }
        for (TcpOption o : options) {
            if (o.kind() == TcpOption.Kind.TIMESTAMP) {
                return o;
            }
        }
        return null;
    }

    private static String field(String name, long expected, long actual) {
        if (expected == actual) {
            return null;
        }
        return "live packet field " + name + ": expected: " + expected + " (0x" + Long.toHexString(expected)
                + ") vs actual: " + actual + " (0x" + Long.toHexString(actual) + ")";
    }

    private static int bit(boolean b) {
        return b ? 1 : 0;
    }

    /** verify_outbound_live_headers (strict) and verify_outbound_live_tcp_options. */
    private String verify(Wire script, Wire actual) {
        int allowance = script.options() == null ? actual.optionBytes() : 0;
        String e;
        if ((e = field("ipv4_total_length", 40 + script.optionBytes() + script.length() + allowance,
                40 + actual.optionBytes() + actual.length())) != null
                || (e = field("tcp_data_offset", (20 + script.optionBytes()) / 4 + allowance / 4,
                (20 + actual.optionBytes()) / 4)) != null
                || (e = field("tcp_fin", bit(script.fin()), bit(actual.fin()))) != null
                || (e = field("tcp_syn", bit(script.syn()), bit(actual.syn()))) != null
                || (e = field("tcp_rst", bit(script.rst()), bit(actual.rst()))) != null
                || (e = field("tcp_psh", bit(script.psh()), bit(actual.psh()))) != null
                || (e = field("tcp_ack", bit(script.ack()), bit(actual.ack()))) != null
                || (e = field("tcp_seq", script.seq(), actual.seq())) != null
                || (e = field("tcp_ack_seq", script.ackSeq(), actual.ackSeq())) != null
                || (script.window() >= 0 && (e = field("tcp_window", script.window(), actual.window())) != null)) {
            return e;
        }
        if (script.options() == null) {
            return null;
        }
        List<TcpOption> so = script.options();
        List<TcpOption> ao = actual.options();
        for (int i = 0; i < Math.max(so.size(), ao.size()); i++) {
            if (i >= so.size() || i >= ao.size() || so.get(i).kind() != ao.get(i).kind()) {
                return "bad outbound TCP options";
            }
            TcpOption s = so.get(i);
            TcpOption a = ao.get(i);
            switch (s.kind()) {
                case NOP, EOL, SACK_PERMITTED -> { }
                case TIMESTAMP -> {
                    long tol = Math.max(run.config.toleranceUs(),
                            (long) (run.config.tolerancePercent() / 100.0 * run.timeUs()));
                    if (run.config.tsTickUs() > 0
                            && Math.abs((int) (a.a() - s.a())) * run.config.tsTickUs() > tol) {
                        return "bad outbound TCP timestamp value, tolerance " + tol;
                    }
                }
                default -> {
                    String type = s.length() != a.length() ? "bad length"
                            : !s.toString().equals(a.toString()) ? "bad value" : null;
                    if (type != null) {
                        return type + " in outbound TCP option (kind=" + kindNumber(s.kind()) + "): expected: " + s
                                + " actual: " + a;
                    }
                }
            }
        }
        return null;
    }

    private static int kindNumber(TcpOption.Kind k) {
        return switch (k) {
            case EOL -> 0;
            case NOP -> 1;
            case MSS -> 2;
            case WSCALE -> 3;
            case SACK_PERMITTED -> 4;
            case SACK -> 5;
            case TIMESTAMP -> 8;
        };
    }

    /** verify_packet_fragments: a joined segment must continue the previous one with the same header. */
    private static String fragmentMismatch(Wire cur, Wire prev, int sniffedPayload, int expectedTotal) {
        String e;
        if ((e = field("tcp_data_offset", (20 + prev.optionBytes()) / 4, (20 + cur.optionBytes()) / 4)) != null
                || (e = field("tcp_syn", bit(prev.syn()), bit(cur.syn()))) != null
                || (e = field("tcp_rst", bit(prev.rst()), bit(cur.rst()))) != null
                || (e = field("tcp_ack", bit(prev.ack()), bit(cur.ack()))) != null
                || (e = field("tcp_seq", (prev.seq() + prev.length()) & 0xffffffffL, cur.seq())) != null
                || (e = field("tcp_ack_seq", prev.ackSeq(), cur.ackSeq())) != null
                || (e = field("tcp_window", prev.window(), cur.window())) != null) {
            return e;
        }
        if (cur.length() < expectedTotal - sniffedPayload && cur.length() != prev.length()) {
            return "fragment payload: expected " + prev.length() + " bytes vs actual " + cur.length()
                    + " bytes; total payload: expected " + expectedTotal + " bytes vs actual "
                    + (cur.length() + sniffedPayload) + " bytes";
        }
        return null;
    }
}
