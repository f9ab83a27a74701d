package org.tcpsim.packetdrill;

import java.util.ArrayList;
import java.util.List;
import org.tcpsim.packetdrill.PacketSpec.TcpOption;
import org.tcpsim.packetdrill.Token.Kind;

/**
 * Packet lines: {@code < S 0:0(0) win 65535 <mss 1460,sackOK,...>} and {@code > P. 1:1001(1000) ack 1},
 * with the checks of packetdrill's parser.y (consistent sequence range, a window on inbound packets,
 * options padded to 4 bytes and at most 40). Packets other than TCP over IPv4 (UDP, ICMP, GRE, MPLS,
 * explicit IP headers), ECN flags, URG on outbound packets, MD5 and Fast Open options are {@link UnsupportedConstruct}s.
 */
final class PacketLineParser {
    private static final String VALID_FLAGS = ".FSRPEWAU01234567";

    private final TokenCursor in;

    PacketLineParser(TokenCursor in) {
        this.in = in;
    }

    PacketSpec packet() throws ScriptSyntaxException, UnsupportedConstruct {
        Token dir = in.take();
        boolean inbound = dir.isChar('<');
        Token t = in.peek();
        for (String w : new String[] {"ipv4", "ipv6", "gre", "GREv0", "mpls", "udp", "icmp", "encap"}) {
            if (t.isWord(w)) {
                throw new UnsupportedConstruct(w + " packet", t.line());
            }
        }
        if (t.isChar('(') || t.isChar('[')) {
            Token inner = in.peek(1);
            if (inner.isWord("noecn") && in.peek(2).isChar(t.isChar('(') ? ')' : ']')) {
                in.skip(3); // "not ECN-capable", the only IP marking this model sends: nothing to map
            } else {
                throw new UnsupportedConstruct("IP header field in packet (" + inner.text() + ")", t.line());
            }
        }
        int srcPort = 0;
        int dstPort = 0;
        if (in.peek().is(Kind.INTEGER) && in.peek(1).isChar('>')) {
            // opt_port_info: an inbound packet on another 4-tuple (run_packet.c map_inbound_packet
            // keeps the ports); what answers it is not the socket under test's and is not checked
            if (!inbound) {
                throw new UnsupportedConstruct("explicit ports on an outbound packet", in.peek().line());
            }
            srcPort = (int) in.bounded("source port", 0xffff);
            in.expectChar('>');
            dstPort = (int) in.bounded("destination port", 0xffff);
        }
        String flags = flags();
        Token seqTok = in.peek();
        long seq = in.u32("TCP start sequence number");
        in.expectChar(':');
        long end = in.u32("TCP end sequence number");
        in.expectChar('(');
        long len = in.bounded("TCP payload size", 0xffff);
        in.expectChar(')');
        if (end != ((seq + len) & 0xffffffffL) && end != seq + len) {
            throw in.semantic(seqTok, "inconsistent TCP sequence numbers and payload size");
        }
        long ack = 0;
        if (in.peek().isWord("ack")) {
            in.take();
            ack = in.u32("TCP ack sequence number");
        }
        int window = -1;
        if (in.peek().isWord("win")) {
            in.take();
            window = (int) in.bounded("TCP window value", 0xffff);
        }
        int urgPtr = 0;
        if (in.peek().isWord("urg")) {
            Token urg = in.take();
            urgPtr = (int) in.bounded("urg_ptr value", 0xffff);
            if (!inbound) {
                throw new UnsupportedConstruct("urgent pointer (urg) on an outbound packet (the model sends no urgent data)",
                        urg.line());
            }
        }
        List<TcpOption> options = List.of();
        if (in.peek().isChar('<')) {
            Token open = in.take();
            if (in.peek().is(Kind.ELLIPSIS)) {
                in.take();
                in.expectChar('>');
                if (inbound) {
                    throw in.semantic(open, "<...> for TCP options can only be used with outbound packets");
                }
                options = null;
            } else {
                options = tcpOptions();
                int bytes = options.stream().mapToInt(TcpOption::length).sum();
                if (bytes > 40) {
                    throw in.semantic(open, "TCP option list too long");
                }
                if ((bytes & 3) != 0) {
                    throw in.semantic(open, "TCP options are not padded correctly to ensure TCP header is a multiple "
                            + "of 4 bytes: " + (bytes & 3) + " excess bytes");
                }
            }
        }
        if (inbound && window < 0) {
            throw in.semantic(dir, "window must be specified for inbound packets");
        }
        for (char c : flags.toCharArray()) {
            if ("EWA01234567".indexOf(c) >= 0) {
                throw new UnsupportedConstruct("ECN flag '" + c + "' in packet", dir.line());
            }
            if (c == 'U' && !inbound) {
                throw new UnsupportedConstruct("URG flag on an outbound packet (the model sends no urgent data)",
                        dir.line());
            }
        }
        return new PacketSpec(inbound, flags, seq, (int) len, ack, window, urgPtr, options, srcPort, dstPort);
    }

    private String flags() throws ScriptSyntaxException {
        Token t = in.peek();
        String flags;
        if (t.isChar('.')) {
            in.take();
            flags = ".";
        } else if (t.isChar('-')) {
            in.take();
            flags = "";
        } else if (t.is(Kind.WORD) || t.is(Kind.INTEGER)) {
            in.take();
            flags = t.text();
            if (in.peek().isChar('.')) {
                in.take();
                flags += ".";
            }
        } else {
            throw in.expected("TCP flags (such as S, S., P., F., R or .)");
        }
        for (char c : flags.toCharArray()) {
            if (VALID_FLAGS.indexOf(c) < 0) {
                throw in.semantic(t, "Invalid TCP flag: '" + c + "'");
            }
        }
        return flags;
    }

    private List<TcpOption> tcpOptions() throws ScriptSyntaxException, UnsupportedConstruct {
        List<TcpOption> list = new ArrayList<>();
        do {
            if (!list.isEmpty()) {
                in.take(); // ','
            }
            list.add(tcpOption());
        } while (in.peek().isChar(','));
        in.expectChar('>');
        return List.copyOf(list);
    }

    private TcpOption tcpOption() throws ScriptSyntaxException, UnsupportedConstruct {
        Token t = in.peek();
        if (!t.is(Kind.WORD)) {
            throw in.expected("a TCP option (nop, eol, mss N, wscale N, sackOK, sack A:B..., TS val N ecr N)");
        }
        in.take();
        switch (t.text()) {
            case "nop":
                return TcpOption.of(TcpOption.Kind.NOP);
            case "eol":
                return TcpOption.of(TcpOption.Kind.EOL);
            case "mss":
                return new TcpOption(TcpOption.Kind.MSS, in.bounded("mss value", 0xffff), 0, null);
            case "wscale":
                return new TcpOption(TcpOption.Kind.WSCALE, in.bounded("window scale shift count", 0xff), 0, null);
            case "sackOK":
                return TcpOption.of(TcpOption.Kind.SACK_PERMITTED);
            case "sack": {
                List<Long> blocks = new ArrayList<>();
                do {
                    blocks.add(in.u32("TCP SACK left sequence number"));
                    in.expectChar(':');
                    blocks.add(in.u32("TCP SACK right sequence number"));
                } while (in.peek().is(Kind.INTEGER));
                return new TcpOption(TcpOption.Kind.SACK, 0, 0, blocks.stream().mapToLong(Long::longValue).toArray());
            }
            case "TS": {
                in.expectWord("val");
                long val = in.u32("ts val");
                in.expectWord("ecr");
                long ecr = in.u32("ecr val");
                return new TcpOption(TcpOption.Kind.TIMESTAMP, val, ecr, null);
            }
            case "md5":
                throw new UnsupportedConstruct("TCP MD5 option", t.line());
            case "FO":
            case "FOEXP":
                throw new UnsupportedConstruct("TCP Fast Open option", t.line());
            case "ECN":
                throw new UnsupportedConstruct("AccECN option", t.line());
            default:
                in.back();
                throw in.expected("a TCP option (nop, eol, mss N, wscale N, sackOK, sack A:B..., TS val N ecr N)");
        }
    }
}
