package org.tcpsim.packetdrill;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tcpsim.packetdrill.Script.Action;
import org.tcpsim.packetdrill.Script.Command;
import org.tcpsim.packetdrill.Script.Event;
import org.tcpsim.packetdrill.Script.TimeKind;
import org.tcpsim.packetdrill.Token.Kind;

/**
 * A recursive-descent parser for packetdrill's script language, written from the grammar in
 * packetdrill's syntax.md and the semantic checks of its parser.y. This class reads a script's
 * frame: option lines, the init and cleanup commands, and each event's time (absolute, {@code +}relative,
 * {@code a~b} ranges, {@code *}) with parser.y's checks on them; the line after the time is a packet
 * ({@link PacketLineParser}), a system call ({@link SyscallParser}), a {@code `command`} or a
 * {@code %{ }%} block. A script that does not parse is a {@link ScriptSyntaxException} with
 * FILE:LINE:COLUMN; a form outside the model is an {@link UnsupportedConstruct}.
 */
public final class Parser {
    private final TokenCursor in;
    private final PacketLineParser packets;
    private final SyscallParser syscalls;

    private Parser(Path file, List<Token> tokens) {
        this.in = new TokenCursor(file, tokens);
        this.packets = new PacketLineParser(in);
        this.syscalls = new SyscallParser(in);
    }

    /** Parses {@code text} as the script {@code file} (the name is only used in messages). */
    static Script parse(Path file, String text) throws ScriptSyntaxException, UnsupportedConstruct {
        Parser p = new Parser(file, Lexer.tokens(file, text));
        return p.script();
    }

    private Script script() throws ScriptSyntaxException, UnsupportedConstruct {
        List<Script.Option> options = new ArrayList<>();
        while (in.peek().is(Kind.OPTION)) {
            options.add(option());
        }
        Command init = null;
        if (in.peek().is(Kind.BACK_QUOTED)) {
            Token t = in.take();
            init = new Command(t.text(), t.line(), t.column());
        }
        List<Event> events = new ArrayList<>();
        Command cleanup = null;
        while (!in.peek().is(Kind.EOF)) {
            if (in.peek().is(Kind.BACK_QUOTED) && !events.isEmpty()) {
                Token t = in.take();
                cleanup = new Command(t.text(), t.line(), t.column());
                if (!in.peek().is(Kind.EOF)) {
                    throw in.expected("end of script after the cleanup command");
                }
                break;
            }
            events.add(event());
        }
        if (events.isEmpty()) {
            throw in.expected("an event (a time, then a packet, a system call, a command or a %{ }% block)");
        }
        return new Script(in.file(), List.copyOf(options), init, List.copyOf(events), cleanup);
    }

    private Script.Option option() throws ScriptSyntaxException {
        Token name = in.take();
        if (!in.peek().isChar('=')) {
            return new Script.Option(name.text(), null, name.line(), name.column());
        }
        in.take();
        Token v = in.peek();
        String value;
        switch (v.kind()) {
            case INTEGER, HEX_INTEGER, FLOAT, STRING, IPV4_ADDR, IPV6_ADDR -> value = in.take().text();
            case WORD -> {
                value = in.take().text();
                if (in.peek().isChar('=')) { // --define=NAME=VALUE
                    in.take();
                    Token rhs = in.take();
                    if (!rhs.is(Kind.WORD) && !rhs.is(Kind.STRING) && !rhs.is(Kind.BACK_QUOTED)
                            && !rhs.is(Kind.INTEGER)) {
                        in.back();
                        throw in.expected("a value after '" + value + "='");
                    }
                    value = value + "=" + rhs.text();
                }
            }
            default -> throw in.expected("a value for --" + name.text());
        }
        return new Script.Option(name.text(), value, name.line(), name.column());
    }

    private Event event() throws ScriptSyntaxException, UnsupportedConstruct {
        Token start = in.peek();
        TimeKind kind;
        long t0;
        long t1 = -1;
        if (start.isChar('*')) {
            in.take();
            kind = TimeKind.ANY;
            t0 = 0;
        } else if (start.isChar('+')) {
            in.take();
            t0 = in.time();
            kind = TimeKind.RELATIVE;
            if (in.peek().isChar('~')) {
                in.take();
                in.expectChar('+');
                t1 = in.time();
                kind = TimeKind.RELATIVE_RANGE;
            }
        } else if (start.is(Kind.INTEGER) || start.is(Kind.FLOAT)) {
            t0 = in.time();
            kind = TimeKind.ABSOLUTE;
            if (in.peek().isChar('~')) {
                in.take();
                t1 = in.time();
                kind = TimeKind.ABSOLUTE_RANGE;
            }
        } else {
            throw in.expected("an event time (such as 0, +.1, 1.5~1.6 or *)");
        }
        Action action = action();
        if (t1 >= 0 && t1 < t0) {
            throw in.semantic(start, "time range is backwards");
        }
        boolean outboundPacket = action instanceof PacketSpec p && !p.inbound();
        if (kind == TimeKind.ANY && !outboundPacket) {
            throw in.semantic(start, "event time <star> can only be used with outbound packets");
        }
        if ((kind == TimeKind.ABSOLUTE_RANGE || kind == TimeKind.RELATIVE_RANGE) && !outboundPacket) {
            throw in.semantic(start, "event time range can only be used with outbound packets");
        }
        return new Event(start.line(), start.column(), kind, t0, t1, action);
    }

    private Action action() throws ScriptSyntaxException, UnsupportedConstruct {
        Token t = in.peek();
        if (t.isChar('<') || t.isChar('>')) {
            return packets.packet();
        }
        if (t.is(Kind.BACK_QUOTED)) {
            return new Script.CommandAction(in.take().text());
        }
        if (t.is(Kind.CODE)) {
            return new Script.CodeAction(in.take().text());
        }
        if (t.is(Kind.ELLIPSIS) || (t.is(Kind.WORD) && in.peek(1).isChar('('))) {
            return syscalls.syscall();
        }
        throw in.expected("a packet ('<' or '>'), a system call, a `command` or a %{ }% block");
    }
}
