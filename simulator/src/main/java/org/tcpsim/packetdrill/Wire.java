package org.tcpsim.packetdrill;

import java.util.ArrayList;
import java.util.List;
import org.tcpsim.packetdrill.PacketSpec.TcpOption;
import org.tcpsim.tcp.TcpSegment;

/**
 * A TCP segment as packetdrill compares and prints it: flags, sequence numbers (in script space
 * once mapped), window, the options in wire order, and when it was seen (microseconds of script time).
 *
 * @param options null when not to be checked ({@code <...>} in a script line)
 * @param window  -1 when not to be checked
 */
record Wire(boolean fin, boolean syn, boolean rst, boolean psh, boolean ack, long seq, int length, long ackSeq,
            int window, List<TcpOption> options, long timeUs) {

    static Wire of(PacketSpec p, long timeUs) {
        return new Wire(p.has('F'), p.has('S'), p.has('R'), p.has('P'), p.has('.'), p.seq(), p.length(), p.ack(),
                p.window(), p.options(), timeUs);
    }

    /** A live segment, its options laid out as Linux's tcp_options_write does. */
    static Wire of(TcpSegment s, long timeUs) {
        return new Wire(s.has(TcpSegment.FIN), s.has(TcpSegment.SYN), s.has(TcpSegment.RST), s.has(TcpSegment.PSH),
                s.has(TcpSegment.ACK), Integer.toUnsignedLong(s.seq), s.dataLength, Integer.toUnsignedLong(s.ack),
                s.window, options(s), timeUs);
    }

    /** tcp_options_write's order: MSS; SACK_PERM+TS or NOP NOP TS or NOP NOP SACK_PERM; NOP WSCALE; NOP NOP SACK. */
    static List<TcpOption> options(TcpSegment s) {
        List<TcpOption> o = new ArrayList<>();
        if (s.mssOption > 0) {
            o.add(new TcpOption(TcpOption.Kind.MSS, s.mssOption, 0, null));
        }
        TcpOption ts = new TcpOption(TcpOption.Kind.TIMESTAMP, Integer.toUnsignedLong(s.tsVal),
                Integer.toUnsignedLong(s.tsEcr), null);
        if (s.hasTimestamps) {
            if (s.sackPermitted) {
                o.add(TcpOption.of(TcpOption.Kind.SACK_PERMITTED));
            } else {
                o.add(TcpOption.of(TcpOption.Kind.NOP));
                o.add(TcpOption.of(TcpOption.Kind.NOP));
            }
            o.add(ts);
        } else if (s.sackPermitted) {
            o.add(TcpOption.of(TcpOption.Kind.NOP));
            o.add(TcpOption.of(TcpOption.Kind.NOP));
            o.add(TcpOption.of(TcpOption.Kind.SACK_PERMITTED));
        }
        if (s.windowScaleOption >= 0) {
            o.add(TcpOption.of(TcpOption.Kind.NOP));
            o.add(new TcpOption(TcpOption.Kind.WSCALE, s.windowScaleOption, 0, null));
        }
        if (s.sackBlocks != null && s.sackBlocks.length > 0) {
            o.add(TcpOption.of(TcpOption.Kind.NOP));
            o.add(TcpOption.of(TcpOption.Kind.NOP));
            long[] blocks = new long[s.sackBlocks.length];
            for (int i = 0; i < blocks.length; i++) {
                blocks[i] = Integer.toUnsignedLong(s.sackBlocks[i]);
            }
            o.add(new TcpOption(TcpOption.Kind.SACK, 0, 0, blocks));
        }
        return o;
    }

    int optionBytes() {
        return options == null ? 0 : options.stream().mapToInt(TcpOption::length).sum();
    }

    Wire withSeqs(long newSeq, long newAck, List<TcpOption> newOptions) {
        return new Wire(fin, syn, rst, psh, ack, newSeq & 0xffffffffL, length, newAck & 0xffffffffL, window,
                newOptions, timeUs);
    }

    Wire withTime(long t) {
        return new Wire(fin, syn, rst, psh, ack, seq, length, ackSeq, window, options, t);
    }

    /** packetdrill's short dump: {@code P. 1:1001(1000) ack 1 win 257 <nop,nop,TS val 100 ecr 0>}. */
    String text() {
        StringBuilder s = new StringBuilder();
        if (fin) {
            s.append('F');
        }
        if (syn) {
            s.append('S');
        }
        if (rst) {
            s.append('R');
        }
        if (psh) {
            s.append('P');
        }
        if (ack) {
            s.append('.');
        }
        s.append(' ').append(seq).append(':').append((seq + length) & 0xffffffffL).append('(').append(length)
                .append(") ");
        if (ack) {
            s.append("ack ").append(ackSeq).append(' ');
        }
        if (window >= 0) {
            s.append("win ").append(window).append(' ');
        }
        if (options != null && !options.isEmpty()) {
            s.append('<');
            for (int i = 0; i < options.size(); i++) {
                s.append(i > 0 ? "," : "").append(options.get(i));
            }
            s.append('>');
        }
        return s.toString();
    }

    /** "script packet:  0.100000 S. 0:0(0) ack 1 <...>" */
    static String line(String label, Wire w) {
        return String.format(java.util.Locale.ROOT, "%s packet: %9.6f %s", label, w.timeUs / 1e6, w.text());
    }
}
