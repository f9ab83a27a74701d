package org.tcpsim.packetdrill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tcpsim.packetdrill.PacketSpec.TcpOption;
import org.tcpsim.packetdrill.Script.Event;
import org.tcpsim.packetdrill.Script.TimeKind;

/** The script language as packetdrill's lexer.l and parser.y define it. */
class ParserTest {
    private static final Path FILE = Path.of("t.pkt");

    private static Script parse(String text) throws Exception {
        return Parser.parse(FILE, text);
    }

    private static Event only(String line) throws Exception {
        return parse("0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n" + line).events().get(1);
    }

    private static ScriptSyntaxException syntax(String text) {
        return assertThrows(ScriptSyntaxException.class, () -> parse(text));
    }

    @Test
    void times_absolute_relative_ranges_and_star_in_microseconds() throws Exception {
        Script s = parse("0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n"
                + "+.1 < S 0:0(0) win 100\n"
                + "1.5~1.6 > S. 0:0(0) ack 1\n"
                + "+.21~+.215 > . 1:1(0) ack 1\n"
                + "* > . 1:1(0) ack 1\n"
                + "+2 close(3) = 0\n");
        List<Event> e = s.events();
        assertEquals(TimeKind.RELATIVE, e.get(1).timeKind());
        assertEquals(100_000, e.get(1).timeUs());
        assertEquals(TimeKind.ABSOLUTE_RANGE, e.get(2).timeKind());
        assertEquals(1_500_000, e.get(2).timeUs());
        assertEquals(1_600_000, e.get(2).timeEndUs());
        assertEquals(TimeKind.RELATIVE_RANGE, e.get(3).timeKind());
        assertEquals(215_000, e.get(3).timeEndUs());
        assertEquals(TimeKind.ANY, e.get(4).timeKind());
        assertEquals(2_000_000, e.get(5).timeUs());
        assertEquals(6, e.get(5).line());
    }

    @Test
    void float_seconds_truncate_to_microseconds_as_a_c_cast_does() throws Exception {
        // 0.0000015 s * 1e6 = 1.5 us: (s64) truncates
        assertEquals(1, only("+0.0000015 close(3) = 0").timeUs());
    }

    @Test
    void inbound_and_outbound_tcp_packets_with_options() throws Exception {
        PacketSpec in = (PacketSpec) only("+0 < S 0:0(0) win 32792 <mss 1000,sackOK,TS val 5 ecr 0,nop,wscale 7>")
                .action();
        assertTrue(in.inbound());
        assertEquals("S", in.flags());
        assertEquals(32792, in.window());
        assertEquals(List.of(TcpOption.Kind.MSS, TcpOption.Kind.SACK_PERMITTED, TcpOption.Kind.TIMESTAMP,
                TcpOption.Kind.NOP, TcpOption.Kind.WSCALE), in.options().stream().map(TcpOption::kind).toList());
        assertEquals(5, in.options().get(2).a());
        PacketSpec out = (PacketSpec) only("+0 > P. 1:1001(1000) ack 1 <nop,nop,sack 2001:3001 4001:5001>").action();
        assertFalse(out.inbound());
        assertEquals("P.", out.flags());
        assertEquals(1000, out.length());
        assertEquals(1, out.ack());
        assertEquals(-1, out.window(), "no win: not checked");
        assertEquals(4, out.options().get(2).sackBlocks().length);
        PacketSpec any = (PacketSpec) only("+0 > . 1:1(0) ack 1 <...>").action();
        assertNull(any.options(), "<...>: options not checked");
        PacketSpec none = (PacketSpec) only("+0 > - 1:1(0) win 10").action();
        assertEquals("", none.flags());
    }

    @Test
    void system_calls_with_errno_notes_and_structured_arguments() throws Exception {
        SyscallSpec c = (SyscallSpec) only("+0 connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)")
                .action();
        assertEquals("connect", c.name());
        assertEquals("EINPROGRESS", c.errno());
        assertEquals("Operation now in progress", c.note());
        assertEquals(new Expr.Num(-1), c.result());
        SyscallSpec f = (SyscallSpec) only("+0 fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK) = 0").action();
        assertInstanceOf(Expr.Or.class, f.args().get(2));
        SyscallSpec g = (SyscallSpec) only("+0 fcntl(3, F_GETFL) = 0x2 (flags O_RDWR)").action();
        assertEquals(new Expr.Num(2), g.result());
        assertEquals("flags O_RDWR", g.note());
        SyscallSpec m = (SyscallSpec) only("+0 sendmsg(4, {msg_name(...)=..., msg_iov(2)=[{..., 100}, {..., 200}], "
                + "msg_flags=0}, MSG_MORE) = 300").action();
        Expr.Msghdr h = (Expr.Msghdr) m.args().get(1);
        assertEquals(List.of(new Expr.Iovec(100), new Expr.Iovec(200)), h.iov());
        SyscallSpec l = (SyscallSpec) only("+0 setsockopt(4, SOL_SOCKET, SO_LINGER, {onoff=1, linger=0}, 8) = 0")
                .action();
        assertEquals(new Expr.Linger(1, 0), l.args().get(3));
        SyscallSpec b = (SyscallSpec) only("+0...0.100 read(4, ..., 2000) = 2000").action();
        assertTrue(b.blocking());
        assertEquals(100_000, b.endUs());
    }

    @Test
    void options_init_command_code_and_cleanup() throws Exception {
        Script s = parse("--tolerance_usecs=10000\n--strict_segments\n`../common/defaults.sh`\n"
                + "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n"
                + "+0 %{ assert tcpi_snd_cwnd == 10, tcpi_snd_cwnd }%\n"
                + "+0 `sysctl -q net.ipv4.tcp_sack=0`\n"
                + "`/tmp/restore.sh`\n");
        assertEquals("tolerance_usecs", s.options().get(0).name());
        assertEquals("10000", s.options().get(0).value());
        assertNull(s.options().get(1).value());
        assertEquals("../common/defaults.sh", s.initCommand().text());
        assertEquals("assert tcpi_snd_cwnd == 10, tcpi_snd_cwnd",
                ((Script.CodeAction) s.events().get(1).action()).text());
        assertEquals("/tmp/restore.sh", s.cleanupCommand().text());
    }

    @Test
    void comments_of_both_kinds_are_skipped() throws Exception {
        Script s = parse("// a test\n/* block\n comment */ 0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3 // trailing\n");
        assertEquals(1, s.events().size());
        assertEquals(3, s.events().get(0).line());
    }

    @Test
    void errors_name_file_line_and_column() {
        assertEquals("t.pkt:2:8: inconsistent TCP sequence numbers and payload size",
                syntax("0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 < . 1:11(9) ack 1 win 10\n").getMessage());
        assertEquals("t.pkt:2:4: window must be specified for inbound packets",
                syntax("0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 < . 1:1(0) ack 1\n").getMessage());
        assertEquals("t.pkt:2:6: Invalid TCP flag: 'X'",
                syntax("0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 < X 1:1(0) win 1\n").getMessage());
        assertTrue(syntax("0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 > . 1:1(0) ack 1 <mss 1000,nop>\n")
                .getMessage().startsWith("t.pkt:2:21: TCP options are not padded correctly"));
        assertEquals("t.pkt:1:1: expected an event time (such as 0, +.1, 1.5~1.6 or *), found 'socket'",
                syntax("socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n").getMessage());
        assertEquals("t.pkt:2:1: time range is backwards",
                syntax("0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n2~1 > . 1:1(0) ack 1\n").getMessage());
        assertEquals("t.pkt:2:1: event time range can only be used with outbound packets",
                syntax("0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n1~2 close(3) = 0\n").getMessage());
        assertEquals("t.pkt:2:13: expected an expression, found end of file",
                syntax("0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 close(3, ").getMessage());
        assertTrue(syntax("0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 `echo").getMessage()
                .startsWith("t.pkt:2:4: unterminated back-quoted command"));
    }

    @Test
    void packet_forms_outside_tcp_over_ipv4_are_unsupported_and_named() {
        UnsupportedConstruct u = assertThrows(UnsupportedConstruct.class,
                () -> parse("0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 < udp (1472)\n"));
        assertEquals("udp packet", u.construct());
        assertEquals(2, u.line());
        assertEquals("TCP Fast Open option", assertThrows(UnsupportedConstruct.class,
                () -> parse("0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 < S 0:0(0) win 1 <FO 1234,nop,nop>\n"))
                .construct());
        assertEquals("ECN flag 'E' in packet", assertThrows(UnsupportedConstruct.class,
                () -> parse("0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 < SEW 0:0(0) win 1\n")).construct());
    }
}
