package org.tcpsim.packetdrill;

import java.util.ArrayList;
import java.util.List;
import org.tcpsim.packetdrill.Token.Kind;

/**
 * System call lines: {@code [...END] name(arg, ...) = result [ERRNO (note)]}, and the argument
 * expressions packetdrill's grammar allows (numbers, strings, arrays, {@code |}-joined flags,
 * {@code inet_addr("...")}, iovecs, msghdr, linger, pollfd). Structures outside the model (sockaddr,
 * cmsg, SO_TIMESTAMPING, epoll_event, GRE/MPLS headers) parse to {@link Expr.Unsupported}, which the
 * run reports as UNSUPPORTED.
 */
final class SyscallParser {
    private final TokenCursor in;

    SyscallParser(TokenCursor in) {
        this.in = in;
    }

    SyscallSpec syscall() throws ScriptSyntaxException {
        long endUs = -1;
        if (in.peek().is(Kind.ELLIPSIS)) {
            in.take();
            endUs = in.time();
        }
        Token name = in.peek();
        if (!name.is(Kind.WORD)) {
            throw in.expected("a system call name");
        }
        in.take();
        in.expectChar('(');
        List<Expr> args = new ArrayList<>();
        if (!in.peek().isChar(')')) {
            args.add(expression());
            while (in.peek().isChar(',')) {
                in.take();
                args.add(expression());
            }
        }
        in.expectChar(')');
        in.expectChar('=');
        Expr result = expression();
        String errno = null;
        String note = null;
        if (in.peek().is(Kind.WORD)) {
            errno = in.take().text();
            if (!in.peek().isChar('(')) {
                throw in.expected("'(' and the error's description after errno " + errno);
            }
            note = note();
        }
        if (in.peek().isChar('(')) {
            note = note();
        }
        return new SyscallSpec(endUs, name.text(), List.copyOf(args), result, errno, note);
    }

    private String note() throws ScriptSyntaxException {
        in.expectChar('(');
        StringBuilder s = new StringBuilder();
        while (!in.peek().isChar(')')) {
            Token w = in.take();
            if (w.is(Kind.EOF) || w.is(Kind.BACK_QUOTED) || w.is(Kind.CODE)) {
                in.back();
                throw in.expected("')' to end the note");
            }
            if (s.length() > 0) {
                s.append(' ');
            }
            s.append(w.text());
        }
        in.take();
        return s.toString();
    }

    private Expr expression() throws ScriptSyntaxException {
        Expr e = primary();
        while (in.peek().isChar('|')) {
            in.take();
            e = new Expr.Or(e, primary());
        }
        return e;
    }

    private Expr primary() throws ScriptSyntaxException {
        Token t = in.peek();
        switch (t.kind()) {
            case ELLIPSIS -> {
                in.take();
                return new Expr.Ellipsis();
            }
            case INTEGER, HEX_INTEGER -> {
                return new Expr.Num(in.integer("an integer"));
            }
            case STRING -> {
                StringBuilder s = new StringBuilder(in.take().text());
                while (in.peek().is(Kind.STRING)) {
                    s.append(in.take().text());
                }
                if (in.peek().is(Kind.ELLIPSIS)) {
                    in.take();
                }
                return new Expr.Str(s.toString());
            }
            case WORD -> {
                in.take();
                if (t.text().equals("inet_addr") && in.peek().isChar('(')) {
                    in.take();
                    Token addr = in.peek();
                    if (!addr.is(Kind.STRING)) {
                        throw in.expected("an address string");
                    }
                    in.take();
                    in.expectChar(')');
                    return new Expr.Num(ipv4(addr));
                }
                if (in.peek().isChar('=')) {
                    in.take();
                    return new Expr.Assign(t.text(), expression());
                }
                return new Expr.Word(t.text());
            }
            case CHAR -> {
                if (t.isChar('[')) {
                    in.take();
                    List<Expr> items = new ArrayList<>();
                    if (!in.peek().isChar(']')) {
                        items.add(expression());
                        while (in.peek().isChar(',')) {
                            in.take();
                            items.add(expression());
                        }
                    }
                    in.expectChar(']');
                    return new Expr.Array(List.copyOf(items));
                }
                if (t.isChar('{')) {
                    return braces();
                }
                throw in.expected("an expression");
            }
            default -> throw in.expected("an expression");
        }
    }

    private long ipv4(Token addr) throws ScriptSyntaxException {
        String[] parts = addr.text().split("\\.");
        if (parts.length != 4) {
            throw in.semantic(addr, "invalid IPv4 address: " + addr.text());
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
                throw in.semantic(addr, "invalid IPv4 address: " + addr.text());
            }
        }
        return v;
    }

    private Expr braces() throws ScriptSyntaxException {
        Token open = in.take();
        Token first = in.peek();
        if (first.is(Kind.ELLIPSIS) && in.peek(1).isChar(',')) { // {..., 40}
            in.take();
            in.take();
            long len = in.integer("the iovec length");
            in.expectChar('}');
            return new Expr.Iovec(len);
        }
        if (first.isWord("msg_name")) {
            return msghdr();
        }
        if (first.isWord("onoff")) {
            in.take();
            in.expectChar('=');
            long onoff = in.integer("l_onoff");
            in.expectChar(',');
            in.expectWord("linger");
            in.expectChar('=');
            long linger = in.integer("l_linger");
            in.expectChar('}');
            return new Expr.Linger(onoff, linger);
        }
        if (first.isWord("fd") && in.peek(1).isChar('=')) {
            in.take();
            in.take();
            Expr fd = expression();
            in.expectChar(',');
            in.expectWord("events");
            in.expectChar('=');
            Expr events = expression();
            Expr revents = new Expr.Num(0);
            if (in.peek().isChar(',')) {
                in.take();
                in.expectWord("revents");
                in.expectChar('=');
                revents = expression();
            }
            in.expectChar('}');
            return new Expr.Pollfd(fd, events, revents);
        }
        if (first.isWord("cmsg_level") && in.peek(1).isChar('=')) {
            in.take();
            in.take();
            Expr level = expression();
            in.expectChar(',');
            in.expectWord("cmsg_type");
            in.expectChar('=');
            Expr type = expression();
            in.expectChar(',');
            in.expectWord("cmsg_data");
            in.expectChar('=');
            Expr data = expression();
            in.expectChar('}');
            return new Expr.Cmsg(level, type, data);
        }
        String unsupported = switch (first.text()) {
            case "sa_family" -> "sockaddr argument";
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
        while (in.peek().isChar(',')) {
            in.take();
            items.add(expression());
        }
        in.expectChar('}');
        return new Expr.Group(List.copyOf(items));
    }

    /** Skips to the '}' that closes {@code open} (already taken). */
    private void skipBalanced(Token open) throws ScriptSyntaxException {
        int depth = 1;
        while (depth > 0) {
            Token t = in.take();
            if (t.is(Kind.EOF)) {
                throw in.semantic(open, "unbalanced '{': expected '}'");
            }
            if (t.isChar('{')) {
                depth++;
            } else if (t.isChar('}')) {
                depth--;
            }
        }
    }

    private Expr msghdr() throws ScriptSyntaxException {
        in.expectWord("msg_name");
        in.expectChar('(');
        in.expectEllipsis();
        in.expectChar(')');
        in.expectChar('=');
        in.expectEllipsis();
        in.expectChar(',');
        in.expectWord("msg_iov");
        in.expectChar('(');
        Token countTok = in.peek();
        long count = in.integer("the iovec count");
        in.expectChar(')');
        in.expectChar('=');
        Expr iov = primary();
        if (!(iov instanceof Expr.Array a)) {
            throw in.semantic(countTok, "expected an array of iovecs after msg_iov(" + count + ")=");
        }
        if (a.items().size() != count) {
            throw in.semantic(countTok, "msg_iov(" + count + ") has " + a.items().size() + " iovecs");
        }
        in.expectChar(',');
        in.expectWord("msg_flags");
        in.expectChar('=');
        Expr flags = expression();
        if (in.peek().isChar(',')) {
            in.take();
            in.expectWord("msg_control");
            in.expectChar('=');
            Token at = in.peek();
            Expr control = primary();
            in.expectChar('}');
            if (!(control instanceof Expr.Array c)) {
                throw in.semantic(at, "expected an array of cmsg after msg_control=");
            }
            return new Expr.Msghdr(a.items(), flags, c.items());
        }
        in.expectChar('}');
        return new Expr.Msghdr(a.items(), flags, null);
    }
}
