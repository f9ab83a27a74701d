package org.tcpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * The shipped experiments/handshake-and-close.json, run as the README says ({@code run --trace
 * states --pcap}): a 3-way handshake and a 4-way close with each side as the active closer (port
 * 80 at 0 s: the client closes first; port 81 at 1 s: the server closes first), over a 10 ms
 * one-way link, 10 kB request, 20 kB response. Checked in states.csv and, when tshark is
 * installed, in the client's pcap (flags, relative sequence and ACK numbers).
 */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class HandshakeAndCloseExperimentTest {
    private static final Path FILE = Path.of("..", "experiments", "handshake-and-close.json");
    private static final double ONE_WAY = 0.010;
    private static final double TIME_WAIT = 60.0;
    private static final long REQUEST = 10_000;
    private static final long RESPONSE = 20_000;

    @TempDir
    static Path tmp;
    static Path run;

    @BeforeAll
    static void runTheShippedFile() {
        Cli.Result r = Cli.run("run", FILE.toString(), "--out", tmp.toString(), "--trace", "states", "--pcap");
        assertEquals(0, r.status(), r.transcript());
        assertFalse(r.err().contains("Exception"), r.transcript());
        run = tmp.resolve("handshake-and-close").resolve("run-s1");
    }

    /** One state change of states.csv. */
    record Change(double t, String from, String to, String cause) {
    }

    /** The state changes of one host's side of the connection that the client opened at {@code start}. */
    private static List<Change> side(CsvTable states, double start, String host) {
        String connId = states.rowsWhere(r -> r.get("host").equals("client") && r.get("to").equals("SYN_SENT")
                        && Math.abs(r.number("t_s") - start) < 1e-9)
                .get(0).get("conn_id");
        List<Change> changes = new ArrayList<>();
        for (CsvTable.Row r : states.rowsWhere(r -> r.get("host").equals(host) && r.get("conn_id").equals(connId))) {
            changes.add(new Change(r.number("t_s"), r.get("from"), r.get("to"), r.get("cause")));
        }
        for (int i = 1; i < changes.size(); i++) {
            assertEquals(changes.get(i - 1).to(), changes.get(i).from(), "a chain of states: " + changes);
            assertTrue(changes.get(i - 1).t() <= changes.get(i).t(), "in time order: " + changes);
        }
        return changes;
    }

    private static List<String> path(List<Change> changes) {
        List<String> p = new ArrayList<>();
        p.add(changes.get(0).from());
        changes.forEach(c -> p.add(c.to()));
        return p;
    }

    private static double at(List<Change> changes, String to) {
        return changes.stream().filter(c -> c.to().equals(to)).findFirst().orElseThrow().t();
    }

    private static void assertClose(double expected, double actual, String what) {
        // serialisation at 1 Gbps adds microseconds to each 10 ms hop
        assertTrue(Math.abs(expected - actual) < 1e-3, what + ": expected ~" + expected + " s, was " + actual + " s");
    }

    /**
     * One connection: the 3-way handshake on both sides, then the active closer goes FIN_WAIT1 ->
     * FIN_WAIT2 -> TIME_WAIT (for exactly 60 s) -> CLOSED and the passive side ESTABLISHED ->
     * CLOSE_WAIT -> LAST_ACK -> CLOSED.
     */
    private static void assertConnection(double start, String activeHost, String passiveHost) {
        CsvTable states = CsvTable.read(run.resolve("states.csv"));
        List<Change> client = side(states, start, "client");
        List<Change> server = side(states, start, "server");
        List<Change> active = activeHost.equals("client") ? client : server;
        List<Change> passive = activeHost.equals("client") ? server : client;

        // handshake: SYN at start, SYN_RECV one hop later, client established after a round trip, server after 1.5
        assertEquals(List.of("CLOSED", "SYN_SENT", "ESTABLISHED"), path(client).subList(0, 3), "client " + client);
        assertEquals(List.of("LISTEN", "SYN_RECV", "ESTABLISHED"), path(server).subList(0, 3), "server " + server);
        assertClose(start, at(client, "SYN_SENT"), "SYN sent");
        assertClose(start + ONE_WAY, at(server, "SYN_RECV"), "SYN received");
        assertClose(start + 2 * ONE_WAY, at(client, "ESTABLISHED"), "client established");
        assertClose(start + 3 * ONE_WAY, at(server, "ESTABLISHED"), "server established");

        List<String> activePath = path(active);
        List<String> passivePath = path(passive);
        assertEquals(List.of("ESTABLISHED", "FIN_WAIT1", "FIN_WAIT2", "TIME_WAIT", "CLOSED"),
                activePath.subList(2, activePath.size()), activeHost + " closes first: " + active);
        assertEquals(List.of("ESTABLISHED", "CLOSE_WAIT", "LAST_ACK", "CLOSED"),
                passivePath.subList(2, passivePath.size()), passiveHost + " closes second: " + passive);
        assertEquals("close", active.get(2).cause(), "the active closer's close() sends the first FIN: " + active);
        assertEquals("time-wait-expired", active.get(active.size() - 1).cause(), active.toString());
        assertEquals(TIME_WAIT, at(active, "CLOSED") - at(active, "TIME_WAIT"), 1e-9, "TIME_WAIT lasts 60 s");
        // the first FIN leaves after any data still queued (the server's 20 kB response needs a
        // second flight), so the passive side sees it at least one hop after close(); it closes at
        // once, and its FIN carries the ACK of the first one: the active closer goes FIN_WAIT2
        // and TIME_WAIT on one segment, one hop later; the passive side is CLOSED when the ACK of
        // its FIN comes back, one round trip after LAST_ACK
        assertTrue(at(passive, "CLOSE_WAIT") >= at(active, "FIN_WAIT1") + ONE_WAY, "FIN received after a hop");
        assertEquals(at(passive, "CLOSE_WAIT"), at(passive, "LAST_ACK"), 1e-9, "the passive side closes at once");
        assertClose(at(passive, "LAST_ACK") + ONE_WAY, at(active, "FIN_WAIT2"), "FIN/ACK received");
        assertEquals(at(active, "FIN_WAIT2"), at(active, "TIME_WAIT"), 1e-9, "FIN_WAIT2 -> TIME_WAIT on the same segment");
        assertClose(at(passive, "LAST_ACK") + 2 * ONE_WAY, at(passive, "CLOSED"), "passive side CLOSED");
        assertTrue(at(passive, "CLOSED") < at(active, "CLOSED"), "the passive side never waits");
    }

    @Test
    void the_client_closes_first_on_port_80_and_holds_time_wait() {
        assertConnection(0.0, "client", "server");
    }

    @Test
    void the_server_closes_first_on_port_81_and_holds_time_wait() {
        assertConnection(1.0, "server", "client");
    }

    @Test
    void the_client_pcap_shows_syn_syn_ack_ack_and_both_fins_with_their_sequence_numbers() throws Exception {
        Path pcap = run.resolve("pcap").resolve("client.pcap");
        assertTrue(Files.size(pcap) > 24, "pcap has packets");
        assertTrue(Files.size(run.resolve("pcap").resolve("server.pcap")) > 24, "pcap has packets");
        Assumptions.assumeTrue(tsharkAvailable(), "tshark not installed: format checked by PcapWriterTest only");

        assertEquals(List.of(), tshark(pcap, "-Y",
                "_ws.malformed || tcp.analysis.retransmission || tcp.analysis.duplicate_ack || tcp.analysis.out_of_order"),
                "a clean capture");
        // relative sequence numbers (tshark's default): each side's SYN is 0, its first byte 1
        List<String> lines = tshark(pcap, "-T", "fields", "-E", "separator=,", "-e", "tcp.srcport", "-e", "tcp.dstport",
                "-e", "tcp.flags", "-e", "tcp.seq", "-e", "tcp.ack", "-e", "tcp.len");
        checkSegments(lines, 80, true);
        checkSegments(lines, 81, false);
    }

    /** A TCP segment as tshark shows it; {@code fromClient} when the client sent it. */
    record Segment(boolean fromClient, int flags, long seq, long ack, long len) {
        boolean is(int f) {
            return flags == f;
        }
    }

    private static final int FIN = 0x01;
    private static final int SYN = 0x02;
    private static final int PSH = 0x08;
    private static final int ACK = 0x10;

    private static void checkSegments(List<String> lines, int serverPort, boolean clientClosesFirst) {
        List<Segment> segs = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split(",");
            int src = Integer.parseInt(f[0]);
            int dst = Integer.parseInt(f[1]);
            if (src == serverPort || dst == serverPort) {
                segs.add(new Segment(dst == serverPort, Integer.decode(f[2]), Long.parseLong(f[3]),
                        Long.parseLong(f[4]), Long.parseLong(f[5])));
            }
        }
        String all = "port " + serverPort + ": " + segs;
        assertTrue(segs.size() > 10, all);
        // 3-way handshake
        assertEquals(new Segment(true, SYN, 0, 0, 0), segs.get(0), all);
        assertEquals(new Segment(false, SYN | ACK, 0, 1, 0), segs.get(1), all);
        assertEquals(new Segment(true, ACK, 1, 1, 0), segs.get(2), all);
        assertEquals(1, segs.stream().filter(s -> (s.flags() & SYN) != 0 && s.fromClient()).count(), "one SYN " + all);
        assertEquals(1, segs.stream().filter(s -> (s.flags() & SYN) != 0 && !s.fromClient()).count(), "one SYN/ACK " + all);

        // 4-way close (the passive side's FIN carries the ACK of the first one): exactly one FIN each way
        List<Segment> fins = segs.stream().filter(s -> (s.flags() & FIN) != 0).toList();
        assertEquals(2, fins.size(), "one FIN each way: " + all);
        Segment first = fins.get(0);
        Segment second = fins.get(1);
        assertEquals(clientClosesFirst, first.fromClient(), "the active closer's FIN comes first: " + fins);
        assertEquals(!clientClosesFirst, second.fromClient(), fins.toString());
        // a FIN takes the sequence number after the sender's last data byte, and counts as one
        long firstBytes = first.fromClient() ? REQUEST : RESPONSE;
        long secondBytes = second.fromClient() ? REQUEST : RESPONSE;
        assertEquals(1 + firstBytes, first.seq() + first.len(), "first FIN's sequence number " + first);
        assertEquals(1 + secondBytes, second.seq() + second.len(), "second FIN's sequence number " + second);
        assertEquals(1 + secondBytes, first.ack(), "the first FIN acknowledges all the peer's data " + first);
        assertEquals(first.seq() + first.len() + 1, second.ack(), "the second FIN acknowledges the first " + second);
        assertTrue((second.flags() & ~PSH) == (FIN | ACK) && (first.flags() & ~PSH) == (FIN | ACK), fins.toString());
        // then the active closer's last ACK acknowledges the second FIN, and nothing follows
        Segment last = segs.get(segs.size() - 1);
        assertEquals(new Segment(clientClosesFirst, ACK, first.seq() + first.len() + 1, second.seq() + second.len() + 1, 0),
                last, "the final ACK: " + all);
        assertTrue(segs.indexOf(second) == segs.size() - 2, "the final ACK is the last segment: " + all);
    }

    private static boolean tsharkAvailable() {
        try {
            Process p = new ProcessBuilder("tshark", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static List<String> tshark(Path pcap, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-r", pcap.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "tshark finished");
        return out.isBlank() ? List.of() : List.of(out.strip().split("\n"));
    }
}
