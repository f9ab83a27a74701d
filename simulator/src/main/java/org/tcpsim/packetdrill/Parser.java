package org.tcpsim.packetdrill;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tcpsim.packetdrill.PacketSpec.TcpOption;
import org.tcpsim.packetdrill.Script.Action;
import org.tcpsim.packetdrill.Script.Command;
import org.tcpsim.packetdrill.Script.Event;
import org.tcpsim.packetdrill.Script.TimeKind;
import org.tcpsim.packetdrill.Token.Kind;

/**
 * A recursive-descent parser for packetdrill's script language, written from the grammar in
 * packetdrill's syntax.md and the semantic checks of its parser.y (time ranges, sequence ranges,
 * window on inbound packets, option padding). A script that does not parse is a
 * {@link ScriptSyntaxException} with FILE:LINE:COLUMN; a packet form outside TCP over IPv4
 * (UDP, ICMP, GRE, MPLS, explicit IP headers, PSP) is an {@link UnsupportedConstruct}.
 */
public final class Parser {
    private static final String VALID_FLAGS = ".FSRPEWAU01234567";

    private final Path file;
    private final List<Token> tokens;
    private int pos;

    private Parser(Path file, List<Token> tokens) {
        this.file = file;
        this.tokens = tokens;
    }

    /** Parses {@code text} as the script {@code file} (the name is only used in messages). */
    static Script parse(Path file, String text) throws ScriptSyntaxException, UnsupportedConstruct {
        Parser p = new Parser(file, Lexer.tokens(file, text));
        return p.script();
    }

    // ---- token helpers ----

    private Token peek() {
        return tokens.get(pos);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    private Token take() {
        Token t = tokens.get(pos);
        if (!t.is(Kind.EOF)) {
            pos++;
        }
        return t;
    }

    private ScriptSyntaxException expected(String what) {
        Token t = peek();
        return new ScriptSyntaxException(file, t.line(), t.column(), "expected " + what + ", found " + t.describe());
    }

    private ScriptSyntaxException semantic(Token at, String message) {
        return new ScriptSyntaxException(file, at.line(), at.column(), message);
    }

    private void expectChar(char c) throws ScriptSyntaxException {
        if (!peek().isChar(c)) {
            throw expected("'" + c + "'");
        }
        take();
    }

    private void expectWord(String w) throws ScriptSyntaxException {
        if (!peek().isWord(w)) {
            throw expected("'" + w + "'");
        }
        take();
    }

    private long integer(String what) throws ScriptSyntaxException {
        Token t = peek();
        if (t.is(Kind.INTEGER)) {
            take();
            return parseLong(t);
        }
        if (t.is(Kind.HEX_INTEGER)) {
            take();
            return Long.parseUnsignedLong(t.text().substring(2), 16);
        }
        throw expected(what);
    }

    private long parseLong(Token t) throws ScriptSyntaxException {
        try {
            return Long.parseLong(t.text());
        } catch (NumberFormatException e) {
            throw semantic(t, "integer out of range: " + t.text());
        }
    }

    private long u32(String what) throws ScriptSyntaxException {
        Token t = peek();
        long v = integer(what);
        if (v < 0 || v > 0xffffffffL) {
            throw semantic(t, what + " out of range");
        }
        return v;
    }

    private long bounded(String what, long max) throws ScriptSyntaxException {
        Token t = peek();
        long v = integer(what);
        if (v < 0 || v > max) {
            throw semantic(t, what + " out of range");
        }
        return v;
    }

    // ---- script ----

    private Script script() throws ScriptSyntaxException, UnsupportedConstruct {
        List<Script.Option> options = new ArrayList<>();
        while (peek().is(Kind.OPTION)) {
            options.add(option());
        }
        Command init = null;
        if (peek().is(Kind.BACK_QUOTED)) {
            Token t = take();
            init = new Command(t.text(), t.line(), t.column());
        }
        List<Event> events = new ArrayList<>();
        Command cleanup = null;
        while (!peek().is(Kind.EOF)) {
            if (peek().is(Kind.BACK_QUOTED) && !events.isEmpty()) {
                Token t = take();
                cleanup = new Command(t.text(), t.line(), t.column());
                if (!peek().is(Kind.EOF)) {
                    throw expected("end of script after the cleanup command");
                }
                break;
            }
            events.add(event());
        }
        if (events.isEmpty()) {
            throw expected("an event (a time, then a packet, a system call, a command or a %{ }% block)");
        }
        return new Script(file, List.copyOf(options), init, List.copyOf(events), cleanup);
    }

    private Script.Option option() throws ScriptSyntaxException {
        Token name = take();
        if (!peek().isChar('=')) {
            return new Script.Option(name.text(), null, name.line(), name.column());
        }
        take();
        Token v = peek();
        String value;
        switch (v.kind()) {
            case INTEGER, HEX_INTEGER, FLOAT, STRING, IPV4_ADDR, IPV6_ADDR -> value = take().text();
            case WORD -> {
                value = take().text();
                if (peek().isChar('=')) { // --define=NAME=VALUE
                    take();
                    Token rhs = take();
                    if (!rhs.is(Kind.WORD) && !rhs.is(Kind.STRING) && !rhs.is(Kind.BACK_QUOTED)
                            && !rhs.is(Kind.INTEGER)) {
                        pos--;
                        throw expected("a value after '" + value + "='");
                    }
                    value = value + "=" + rhs.text();
                }
            }
            default -> throw expected("a value for --" + name.text());
        }
        return new Script.Option(name.text(), value, name.line(), name.column());
    }

    private Event event() throws ScriptSyntaxException, UnsupportedConstruct {
        Token start = peek();
        TimeKind kind;
        long t0;
        long t1 = -1;
        if (start.isChar('*')) {
            take();
            kind = TimeKind.ANY;
            t0 = 0;
        } else if (start.isChar('+')) {
            take();
            t0 = time();
            kind = TimeKind.RELATIVE;
            if (peek().isChar('~')) {
                take();
                expectChar('+');
                t1 = time();
                kind = TimeKind.RELATIVE_RANGE;
            }
        } else if (start.is(Kind.INTEGER) || start.is(Kind.FLOAT)) {
            t0 = time();
            kind = TimeKind.ABSOLUTE;
            if (peek().isChar('~')) {
                take();
                t1 = time();
                kind = TimeKind.ABSOLUTE_RANGE;
            }
        } else {
            throw expected("an event time (such as 0, +.1, 1.5~1.6 or *)");
        }
        Action action = action();
        if (t1 >= 0 && t1 < t0) {
            throw semantic(start, "time range is backwards");
        }
        boolean outboundPacket = action instanceof PacketSpec p && !p.inbound();
        if (kind == TimeKind.ANY && !outboundPacket) {
            throw semantic(start, "event time <star> can only be used with outbound packets");
        }
        if ((kind == TimeKind.ABSOLUTE_RANGE || kind == TimeKind.RELATIVE_RANGE) && !outboundPacket) {
            throw semantic(start, "event time range can only be used with outbound packets");
        }
        return new Event(start.line(), start.column(), kind, t0, t1, action);
    }

    /** Seconds as written, in microseconds (packetdrill truncates float seconds * 1e6). */
    private long time() throws ScriptSyntaxException {
        Token t = peek();
        if (t.is(Kind.FLOAT)) {
            take();
            double secs = Double.parseDouble(t.text());
            if (secs < 0) {
                throw semantic(t, "negative time");
            }
            return (long) (secs * 1.0e6);
        }
        if (t.is(Kind.INTEGER)) {
            take();
            long secs = parseLong(t);
            if (secs < 0) {
                throw semantic(t, "negative time");
            }
            return secs * 1_000_000L;
        }
        throw expected("a time in seconds");
    }

    private Action action() throws ScriptSyntaxException, UnsupportedConstruct {
        Token t = peek();
        if (t.isChar('<') || t.isChar('>')) {
            return packet();
        }
        if (t.is(Kind.BACK_QUOTED)) {
            return new Script.CommandAction(take().text());
        }
        if (t.is(Kind.CODE)) {
            return new Script.CodeAction(take().text());
        }
        if (t.is(Kind.ELLIPSIS) || (t.is(Kind.WORD) && peek(1).isChar('('))) {
            return syscall();
        }
        throw expected("a packet ('<' or '>'), a system call, a `command` or a %{ }% block");
    }

    // ---- packets ----

    private PacketSpec packet() throws ScriptSyntaxException, UnsupportedConstruct {
        Token dir = take();
        boolean inbound = dir.isChar('<');
        Token t = peek();
        for (String w : new String[] {"ipv4", "ipv6", "gre", "GREv0", "mpls", "udp", "icmp", "encap"}) {
            if (t.isWord(w)) {
                throw new UnsupportedConstruct(w + " packet", t.line());
            }
        }
        if (t.isChar('(') || t.isChar('[')) {
            Token inner = peek(1);
            if (inner.isWord("noecn") && peek(2).isChar(t.isChar('(') ? ')' : ']')) {
                pos += 3; // "not ECN-capable", the only IP marking this model sends: nothing to map
            } else {
                throw new UnsupportedConstruct("IP header field in packet (" + inner.text() + ")", t.line());
            }
        }
        int srcPort = 0;
        int dstPort = 0;
        if (peek().is(Kind.INTEGER) && peek(1).isChar('>')) {
            // opt_port_info: an inbound packet on another 4-tuple (run_packet.c map_inbound_packet
            // keeps the ports); what answers it is not the socket under test's and is not checked
            if (!inbound) {
                throw new UnsupportedConstruct("explicit ports on an outbound packet", peek().line());
            }
            srcPort = (int) bounded("source port", 0xffff);
            expectChar('>');
            dstPort = (int) bounded("destination port", 0xffff);
        }
        String flags = flags();
        Token seqTok = peek();
        long seq = u32("TCP start sequence number");
        expectChar(':');
        long end = u32("TCP end sequence number");
        expectChar('(');
        long len = bounded("TCP payload size", 0xffff);
        expectChar(')');
        if (end != ((seq + len) & 0xffffffffL) && end != seq + len) {
            throw semantic(seqTok, "inconsistent TCP sequence numbers and payload size");
        }
        long ack = 0;
        if (peek().isWord("ack")) {
            take();
            ack = u32("TCP ack sequence number");
        }
        int window = -1;
        if (peek().isWord("win")) {
            take();
            window = (int) bounded("TCP window value", 0xffff);
        }
        if (peek().isWord("urg")) {
            throw new UnsupportedConstruct("urgent pointer (urg)", peek().line());
        }
        List<TcpOption> options = List.of();
        if (peek().isChar('<')) {
            Token open = take();
            if (peek().is(Kind.ELLIPSIS)) {
                take();
                expectChar('>');
                if (inbound) {
                    throw semantic(open, "<...> for TCP options can only be used with outbound packets");
                }
                options = null;
            } else {
                options = tcpOptions();
                int bytes = options.stream().mapToInt(TcpOption::length).sum();
                if (bytes > 40) {
                    throw semantic(open, "TCP option list too long");
                }
                if ((bytes & 3) != 0) {
                    throw semantic(open, "TCP options are not padded correctly to ensure TCP header is a multiple "
                            + "of 4 bytes: " + (bytes & 3) + " excess bytes");
                }
            }
        }
        if (inbound && window < 0) {
            throw semantic(dir, "window must be specified for inbound packets");
        }
        for (char c : flags.toCharArray()) {
            if ("EWA01234567".indexOf(c) >= 0) {
                throw new UnsupportedConstruct("ECN flag '" + c + "' in packet", dir.line());
            }
            if (c == 'U') {
                throw new UnsupportedConstruct("URG flag in packet", dir.line());
            }
        }
        return new PacketSpec(inbound, flags, seq, (int) len, ack, window, options, srcPort, dstPort);
    }

    private String flags() throws ScriptSyntaxException {
        Token t = peek();
        String flags;
        if (t.isChar('.')) {
            take();
            flags = ".";
        } else if (t.isChar('-')) {
            take();
            flags = "";
        } else if (t.is(Kind.WORD) || t.is(Kind.INTEGER)) {
            take();
            flags = t.text();
            if (peek().isChar('.')) {
                take();
                flags += ".";
            }
        } else {
            throw expected("TCP flags (such as S, S., P., F., R or .)");
        }
        for (char c : flags.toCharArray()) {
            if (VALID_FLAGS.indexOf(c) < 0) {
                throw semantic(t, "Invalid TCP flag: '" + c + "'");
            }
        }
        return flags;
    }

    private List<TcpOption> tcpOptions() throws ScriptSyntaxException, UnsupportedConstruct {
        List<TcpOption> list = new ArrayList<>();
        do {
            if (!list.isEmpty()) {
                take(); // ','
            }
            list.add(tcpOption());
        } while (peek().isChar(','));
        expectChar('>');
        return List.copyOf(list);
    }

    private TcpOption tcpOption() throws ScriptSyntaxException, UnsupportedConstruct {
        Token t = peek();
        if (!t.is(Kind.WORD)) {
            throw expected("a TCP option (nop, eol, mss N, wscale N, sackOK, sack A:B..., TS val N ecr N)");
        }
        take();
        switch (t.text()) {
            case "nop":
                return TcpOption.of(TcpOption.Kind.NOP);
            case "eol":
                return TcpOption.of(TcpOption.Kind.EOL);
            case "mss":
                return new TcpOption(TcpOption.Kind.MSS, bounded("mss value", 0xffff), 0, null);
            case "wscale":
                return new TcpOption(TcpOption.Kind.WSCALE, bounded("window scale shift count", 0xff), 0, null);
            case "sackOK":
                return TcpOption.of(TcpOption.Kind.SACK_PERMITTED);
            case "sack": {
                List<Long> blocks = new ArrayList<>();
                do {
                    blocks.add(u32("TCP SACK left sequence number"));
                    expectChar(':');
                    blocks.add(u32("TCP SACK right sequence number"));
                } while (peek().is(Kind.INTEGER));
                return new TcpOption(TcpOption.Kind.SACK, 0, 0, blocks.stream().mapToLong(Long::longValue).toArray());
            }
            case "TS": {
                expectWord("val");
                long val = u32("ts val");
                expectWord("ecr");
                long ecr = u32("ecr val");
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
                pos--;
                throw expected("a TCP option (nop, eol, mss N, wscale N, sackOK, sack A:B..., TS val N ecr N)");
        }
    }

    // ---- system calls ----

    private SyscallSpec syscall() throws ScriptSyntaxException {
        long endUs = -1;
        if (peek().is(Kind.ELLIPSIS)) {
            take();
            endUs = time();
        }
        Token name = peek();
        if (!name.is(Kind.WORD)) {
            throw expected("a system call name");
        }
        take();
        expectChar('(');
        List<Expr> args = new ArrayList<>();
        if (!peek().isChar(')')) {
            args.add(expression());
            while (peek().isChar(',')) {
                take();
                args.add(expression());
            }
        }
        expectChar(')');
        expectChar('=');
        Expr result = expression();
        String errno = null;
        String note = null;
        if (peek().is(Kind.WORD)) {
            errno = take().text();
            if (!peek().isChar('(')) {
                throw expected("'(' and the error's description after errno " + errno);
            }
            note = note();
        }
        if (peek().isChar('(')) {
            note = note();
        }
        return new SyscallSpec(endUs, name.text(), List.copyOf(args), result, errno, note);
    }

    private String note() throws ScriptSyntaxException {
        expectChar('(');
        StringBuilder s = new StringBuilder();
        while (!peek().isChar(')')) {
            Token w = take();
            if (w.is(Kind.EOF) || w.is(Kind.BACK_QUOTED) || w.is(Kind.CODE)) {
                pos--;
                throw expected("')' to end the note");
            }
            if (s.length() > 0) {
                s.append(' ');
            }
            s.append(w.text());
        }
        take();
        return s.toString();
    }

    private Expr expression() throws ScriptSyntaxException {
        Expr e = primary();
        while (peek().isChar('|')) {
            take();
            e = new Expr.Or(e, primary());
        }
        return e;
    }

    private Expr primary() throws ScriptSyntaxException {
        Token t = peek();
        switch (t.kind()) {
            case ELLIPSIS -> {
                take();
                return new Expr.Ellipsis();
            }
            case INTEGER, HEX_INTEGER -> {
                return new Expr.Num(integer("an integer"));
            }
            case STRING -> {
                StringBuilder s = new StringBuilder(take().text());
                while (peek().is(Kind.STRING)) {
                    s.append(take().text());
                }
                if (peek().is(Kind.ELLIPSIS)) {
                    take();
                }
                return new Expr.Str(s.toString());
            }
            case WORD -> {
                take();
                if (t.text().equals("inet_addr") && peek().isChar('(')) {
                    take();
                    Token addr = peek();
                    if (!addr.is(Kind.STRING)) {
                        throw expected("an address string");
                    }
                    take();
                    expectChar(')');
                    return new Expr.Num(ipv4(addr));
                }
                if (peek().isChar('=')) {
                    take();
                    return new Expr.Assign(t.text(), expression());
                }
                return new Expr.Word(t.text());
            }
            case CHAR -> {
                if (t.isChar('[')) {
                    take();
                    List<Expr> items = new ArrayList<>();
                    if (!peek().isChar(']')) {
                        items.add(expression());
                        while (peek().isChar(',')) {
                            take();
                            items.add(expression());
                        }
                    }
                    expectChar(']');
                    return new Expr.Array(List.copyOf(items));
                }
                if (t.isChar('{')) {
                    return braces();
                }
                throw expected("an expression");
            }
            default -> throw expected("an expression");
        }
    }

    private long ipv4(Token addr) throws ScriptSyntaxException {
        String[] parts = addr.text().split("\\.");
        if (parts.length != 4) {
            throw semantic(addr, "invalid IPv4 address: " + addr.text());
        }
        long v = 0;
        for (String p : parts) {
            try {
                int b = Integer.parseInt(p);
                if (b < 0 || b > 255) {
                    throw new NumberFormatException();
                }
                v = v << 8 | b;
            } catch (NumberFormatException e) {
                throw semantic(addr, "invalid IPv4 address: " + addr.text());
            }
        }
        return v;
    }

    private Expr braces() throws ScriptSyntaxException {
        Token open = take();
        Token first = peek();
        if (first.is(Kind.ELLIPSIS) && peek(1).isChar(',')) { // {..., 40}
            take();
            take();
            long len = integer("the iovec length");
            expectChar('}');
            return new Expr.Iovec(len);
        }
        if (first.isWord("msg_name")) {
            return msghdr();
        }
        if (first.isWord("onoff")) {
            take();
            expectChar('=');
            long onoff = integer("l_onoff");
            expectChar(',');
            expectWord("linger");
            expectChar('=');
            long linger = integer("l_linger");
            expectChar('}');
            return new Expr.Linger(onoff, linger);
        }
        if (first.isWord("fd") && peek(1).isChar('=')) {
            take();
            take();
            Expr fd = expression();
            expectChar(',');
            expectWord("events");
            expectChar('=');
            Expr events = expression();
            Expr revents = new Expr.Num(0);
            if (peek().isChar(',')) {
                take();
                expectWord("revents");
                expectChar('=');
                revents = expression();
            }
            expectChar('}');
            return new Expr.Pollfd(fd, events, revents);
        }
        String unsupported = switch (first.text()) {
            case "sa_family" -> "sockaddr argument";
            case "cmsg_level" -> "cmsg (ancillary data)";
            case "scm_sec" -> "SCM_TIMESTAMPING";
            case "ee_errno" -> "sock_extended_err";
            case "events" -> "epoll_event";
            case "flags", "Flags", "sum", "off", "key", "seq", "label" -> "GRE or MPLS header";
            default -> null;
        };
        if (unsupported != null) {
            skipBalanced(open);
            return new Expr.Unsupported(unsupported);
        }
        List<Expr> items = new ArrayList<>();
        items.add(expression());
        while (peek().isChar(',')) {
            take();
            items.add(expression());
        }
        expectChar('}');
        return new Expr.Group(List.copyOf(items));
    }

    /** Skips to the '}' that closes {@code open} (already taken). */
    private void skipBalanced(Token open) throws ScriptSyntaxException {
        int depth = 1;
        while (depth > 0) {
            Token t = take();
            if (t.is(Kind.EOF)) {
                throw semantic(open, "unbalanced '{': expected '}'");
            }
            if (t.isChar('{')) {
                depth++;
            } else if (t.isChar('}')) {
                depth--;
            }
        }
    }

    private Expr msghdr() throws ScriptSyntaxException {
        expectWord("msg_name");
        expectChar('(');
        expectEllipsis();
        expectChar(')');
        expectChar('=');
        expectEllipsis();
        expectChar(',');
        expectWord("msg_iov");
        expectChar('(');
        Token countTok = peek();
        long count = integer("the iovec count");
        expectChar(')');
        expectChar('=');
        Expr iov = primary();
        if (!(iov instanceof Expr.Array a)) {
            throw semantic(countTok, "expected an array of iovecs after msg_iov(" + count + ")=");
        }
        if (a.items().size() != count) {
            throw semantic(countTok, "msg_iov(" + count + ") has " + a.items().size() + " iovecs");
        }
        expectChar(',');
        expectWord("msg_flags");
        expectChar('=');
        Expr flags = expression();
        if (peek().isChar(',')) {
            take();
            expectWord("msg_control");
            expectChar('=');
            primary();
            expectChar('}');
            return new Expr.Unsupported("msg_control (ancillary data)");
        }
        expectChar('}');
        return new Expr.Msghdr(a.items(), flags);
    }

    private void expectEllipsis() throws ScriptSyntaxException {
        if (!peek().is(Kind.ELLIPSIS)) {
            throw expected("'...'");
        }
        take();
    }
}
