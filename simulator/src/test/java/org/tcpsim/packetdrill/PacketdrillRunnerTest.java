package org.tcpsim.packetdrill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tcpsim.cli.Main;
import org.tcpsim.kernel.KernelVersion;

/**
 * The runner's rules, each shown by a script: joining outbound segments to a TSO-sized line (and
 * not with --strict_segments), relative local sequence numbers, TS ecr mapping, the timing slack,
 * errno results, %{ }% assertions, UNSUPPORTED and exit statuses. The base script
 * (passive-write-join.pkt) passes on Linux 6.18 (run-on-linux).
 */
class PacketdrillRunnerTest {
    private static final Path FIXTURE = Path.of("src/test/resources/packetdrill-runner/passive-write-join.pkt");

    private static String base() throws Exception {
        return Files.readString(FIXTURE);
    }

    private static Outcome run(String text) throws Exception {
        return Packetdrill.run(text, FIXTURE, "t.pkt", KernelVersion.V6_18, null, false);
    }

    private static String withLine(String text, String from, String to) {
        assertTrue(text.contains(from), from);
        return text.replace(from, to);
    }

    @Test
    void base_script_passes_two_mss_segments_joined_into_its_one_line() throws Exception {
        Outcome o = run(base());
        assertEquals(Outcome.Status.PASS, o.status(), o.message());
    }

    @Test
    void strict_segments_turns_joining_off() throws Exception {
        Outcome o = run("--strict_segments\n" + base());
        assertEquals(Outcome.Status.FAIL, o.status());
        assertTrue(o.message().startsWith("t.pkt:13: error handling packet: live packet payload: expected 1976 "
                + "bytes vs actual 988 bytes"), o.message());
    }

    @Test
    void local_sequence_numbers_are_relative_to_the_isn() throws Exception {
        Outcome o = run(withLine(base(), "> P. 1:1977(1976)", "> P. 2:1978(1976)"));
        assertEquals(Outcome.Status.FAIL, o.status());
        assertTrue(o.message().startsWith("t.pkt:12: error handling packet: live packet field tcp_seq: expected: 2 "
                + "(0x2) vs actual: 1 (0x1)"), o.message());
        assertTrue(o.message().contains("\nscript packet:  0.100000 P. 2:1978(1976) ack 1 <nop,nop,TS val 200 "
                + "ecr 5100>\nactual packet:  0.100000 P. 1:1977(1976) ack 1 win 64 <nop,nop,TS val 200 ecr 5100>"),
                o.message());
    }

    @Test
    void an_inbound_ts_ecr_must_echo_a_ts_val_the_script_saw_going_out() throws Exception {
        Outcome o = run(withLine(base(), "TS val 5200 ecr 200>", "TS val 5200 ecr 250>"));
        assertEquals(Outcome.Status.FAIL, o.status());
        assertEquals("t.pkt:13: error handling packet: unable to infer live TS ecr for script TS ecr 250;  no "
                + "matching or preceding outbound TS val", o.message());
    }

    @Test
    void timing_slack_is_four_ms_or_an_eighth_of_the_interval() throws Exception {
        // the FIN goes out at once after close(): 4 ms late is within packetdrill's 4 ms, 5 ms is not
        assertEquals(Outcome.Status.FAIL, run(withLine(base(), "+0    > F. 1977", "+.005 > F. 1977")).status());
        String late = run(withLine(base(), "+0    > F. 1977", "+.005 > F. 1977")).message();
        assertTrue(late.startsWith("t.pkt:15: error handling packet: timing error: expected outbound packet at "
                + "0.205000 sec but happened at 0.200000 sec; tolerance 0.004000 sec"), late);
        assertEquals(Outcome.Status.PASS, run(withLine(base(), "+0    > F. 1977", "+.004 > F. 1977")).status());
        // the SYN-ACK's retransmission after 1 s: 12.5 % of a 1.1 s interval covers the 0.1 s difference
        String retrans = "+0    > S. 0:0(0) ack 1 <mss 1460,sackOK,TS val 100 ecr 5000,nop,wscale 10>\n";
        String again = retrans + "+1.1  > S. 0:0(0) ack 1 <...>\n";
        Outcome slack = run(withLine(base(), retrans, again).replace("+.1   < . 1:1(0) ack 1 win 257",
                "+.01  < . 1:1(0) ack 1 win 257"));
        assertEquals(Outcome.Status.PASS, slack.status(), slack.message());
        Outcome tooLate = run(withLine(base(), retrans, retrans + "+1.2  > S. 0:0(0) ack 1 <...>\n"));
        assertTrue(tooLate.message().contains("expected outbound packet at 1.200000 sec but happened at "
                + "1.000000 sec; tolerance 0.150000 sec"), tooLate.message());
    }

    @Test
    void errno_results_and_wrong_results_are_reported_as_packetdrill_does() throws Exception {
        String script = "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n"
                + "+0 fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK) = 0\n"
                + "+0 bind(3, ..., ...) = 0\n"
                + "+0 listen(3, 1) = 0\n"
                + "+0 accept(3, ..., ...) = -1 EAGAIN (Resource temporarily unavailable)\n"
                + "+0 fcntl(3, F_GETFL) = 0x802 (flags O_RDWR|O_NONBLOCK)\n";
        assertEquals(Outcome.Status.PASS, run(script).status(), run(script).message());
        Outcome wrong = run(script.replace("EAGAIN (Resource temporarily unavailable)", "EINVAL (Invalid)"));
        assertEquals("t.pkt:5: runtime error in accept call: Expected errno 22 (Invalid argument) but got 11 "
                + "(Resource temporarily unavailable)", wrong.message());
        Outcome value = run(script.replace("= 0x802", "= 0x2"));
        assertEquals("t.pkt:6: runtime error in fcntl call: Expected result 2 but got 2050 with errno 0 (Unknown "
                + "error 0)", value.message());
    }

    @Test
    void code_blocks_assert_over_tcp_info() throws Exception {
        String check = "+0    accept(3, ..., ...) = 4\n";
        Outcome ok = run(withLine(base(), check, check
                + "+0 %{ assert tcpi_snd_cwnd == 10, tcpi_snd_cwnd; assert 988 <= tcpi_snd_mss <= 988 }%\n"));
        assertEquals(Outcome.Status.PASS, ok.status(), ok.message());
        Outcome bad = run(withLine(base(), check, check + "+0 %{ assert tcpi_snd_cwnd == 11, 'cwnd=%d' % "
                + "tcpi_snd_cwnd }%\n"));
        assertEquals("t.pkt:11: assertion failed: assert tcpi_snd_cwnd == 11, 'cwnd=%d' % tcpi_snd_cwnd "
                + "(AssertionError: cwnd=10)", bad.message());
    }

    @Test
    void what_the_model_does_not_run_is_unsupported_and_named() throws Exception {
        Outcome o = run("0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 epoll_create(1) = 4\n");
        assertEquals(Outcome.Status.UNSUPPORTED, o.status());
        assertEquals("t.pkt:2: system call epoll_create()", o.message());
        Outcome shell = run("`ip link set dev tun0 mtu 1280`\n0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n");
        assertEquals("t.pkt:1: shell command `ip link set dev tun0 mtu 1280`", shell.message());
    }

    @Test
    void tc_qdisc_on_tun0_root_is_modelled_other_shapes_are_unsupported_and_refusals_fail() throws Exception {
        String socket = "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n";
        Outcome fq = run(socket + "+0 `tc qdisc replace dev tun0 root fq`\n");
        assertEquals(Outcome.Status.UNSUPPORTED, fq.status());
        assertEquals("t.pkt:2: shell command `tc qdisc replace dev tun0 root fq`", fq.message());
        Outcome netem = run(socket + "+0 `tc qdisc add dev tun0 root netem delay 10ms`\n");
        assertEquals("t.pkt:2: shell command `tc qdisc add dev tun0 root netem delay 10ms`", netem.message());
        Outcome ok = run(socket + "+0 `tc qdisc replace dev tun0 root pfifo limit 0`\n"
                + "+0 `tc qdisc del dev tun0 root`\n+0 `tc qdisc add dev tun0 root pfifo`\n"
                + "+0 `tc qdisc delete dev tun0 root 2>/dev/null ; tc qdisc add dev tun0 root pfifo limit 0`\n");
        assertEquals(Outcome.Status.PASS, ok.status(), ok.message());
        // as on Linux 6.18.44 (pd-linux): a second root qdisc, or deleting the default one, exits 2
        Outcome twice = run(socket + "+0 `tc qdisc add dev tun0 root pfifo`\n+0 `tc qdisc add dev tun0 root pfifo`\n");
        assertEquals(Outcome.Status.FAIL, twice.status());
        assertEquals("t.pkt:3: error executing command: Error: Exclusivity flag on, cannot modify. "
                + "(`tc qdisc add dev tun0 root pfifo`: non-zero status 2)", twice.message());
        Outcome noRoot = run(socket + "+0 `tc qdisc delete dev tun0 root`\n");
        assertEquals(Outcome.Status.FAIL, noRoot.status());
        Outcome skipped = run(socket + "+0 `tc qdisc delete dev tun0 root && tc qdisc add dev tun0 root pfifo limit 0`\n"
                + "+0 `tc qdisc add dev tun0 root pfifo`\n");
        assertEquals(Outcome.Status.FAIL, skipped.status(), "&& stops at the failed delete: the add never ran");
        assertTrue(skipped.message().startsWith("t.pkt:2:"), skipped.message());
    }

    @Test
    void file_commands_make_simulated_files_and_others_are_unsupported_by_name() throws Exception {
        String open = "0 open(\"/tmp/f\", O_RDONLY) = 5\n";
        // dd of zeros makes a file (nothing is executed: /tmp/f need not exist), rm -f removes it
        assertEquals(Outcome.Status.PASS, run("`/bin/dd bs=1 count=5 if=/dev/zero of=/tmp/f status=none`\n" + open)
                .status());
        assertEquals(Outcome.Status.PASS, run("`dd if=/dev/zero of=/tmp/f bs=10 count=0\nrm -f /tmp/f`\n"
                + "0 open(\"/tmp/f\", O_RDONLY) = -1 ENOENT (No such file or directory)\n").status());
        Outcome other = run("`/bin/dd bs=1 count=5 if=/dev/urandom of=/tmp/f`\n" + open);
        assertEquals(Outcome.Status.UNSUPPORTED, other.status());
        assertTrue(other.message().startsWith("t.pkt:1: shell command `/bin/dd bs=1 count=5 if=/dev/urandom of=/tmp/f`"),
                other.message());
        assertEquals("t.pkt:1: shell command `rm -rf /tmp/f`", run("`rm -rf /tmp/f`\n" + open).message());
        assertEquals("t.pkt:1: open() of /tmp/f, a file the script's commands did not make", run(open).message());
        Outcome flags = run("`dd bs=1 count=1 if=/dev/zero of=/tmp/f`\n0 open(\"/tmp/f\", O_RDWR) = 5\n");
        assertEquals("t.pkt:2: open() with flags 0x2 (only O_RDONLY)", flags.message());
    }

    @Test
    void urg_is_read_on_inbound_packets_and_unsupported_on_outbound_ones() throws Exception {
        Outcome out = run(withLine(base(), "> P. 1:1977(1976) ack 1", "> PU. 1:1977(1976) ack 1"));
        assertEquals(Outcome.Status.UNSUPPORTED, out.status(), out.message());
        assertTrue(out.message().contains("URG flag on an outbound packet"), out.message());
        ScriptSyntaxException bad = org.junit.jupiter.api.Assertions.assertThrows(ScriptSyntaxException.class,
                () -> run("0 < U. 1:2(1) ack 1 win 257 urg 65536\n"));
        assertTrue(bad.getMessage().startsWith("t.pkt:1:"), bad.getMessage());
        assertTrue(bad.getMessage().contains("urg_ptr value out of range"), bad.getMessage());
    }

    @Test
    void init_command_sysctls_reach_the_host_and_unread_ones_are_noted() throws Exception {
        Outcome o = run("`sysctl -q net.ipv4.tcp_timestamps=0 net.ipv4.tcp_fastopen=1`\n"
                + base().replace("sackOK,TS val 5000 ecr 0,nop,wscale 7>", "nop,nop,sackOK,nop,wscale 7>"));
        assertEquals(Outcome.Status.FAIL, o.status());
        // timestamps off: the SYN-ACK carries none, so the script's TS line is the first difference
        assertTrue(o.message().contains("<mss 1460,nop,nop,sackOK,nop,wscale 10>"), o.message());
        assertTrue(o.notes().contains("sysctl net.ipv4.tcp_fastopen accepted, not modelled"), o.notes()
                .toString());
    }

    @Test
    void cli_exit_statuses_pass_zero_fail_one_parse_error_two(@TempDir Path dir) throws Exception {
        Path good = Files.copy(FIXTURE, dir.resolve("good.pkt"));
        Path bad = dir.resolve("bad.pkt");
        Files.writeString(bad, "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 < . 1:1(0) ack 1\n");
        Path failing = dir.resolve("fail.pkt");
        Files.writeString(failing, base().replace("ack 1977 win", "ack 1976 win").replace("> F. 1977", "> . 1977")
                .replace("+0    close(4) = 0\n", ""));
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(buf, true));
            System.setErr(new PrintStream(buf, true));
            assertEquals(0, Main.execute("packetdrill", good.toString()));
            assertEquals(1, Main.execute("packetdrill", good.toString(), failing.toString()));
            assertEquals(2, Main.execute("packetdrill", good.toString(), bad.toString()));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        String text = buf.toString();
        assertTrue(text.contains("PASS " + good), text);
        assertTrue(text.contains(bad + ":2:4: window must be specified for inbound packets"), text);
    }
}
