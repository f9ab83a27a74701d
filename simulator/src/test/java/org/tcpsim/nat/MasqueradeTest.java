package org.tcpsim.nat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tcpsim.engine.Simulation;
import org.tcpsim.kernel.KernelVersion;
import org.tcpsim.kernel.SysctlNames;
import org.tcpsim.kernel.Sysctls;
import org.tcpsim.net.Ipv4Address;
import org.tcpsim.net.NatTranslation.Verdict;
import org.tcpsim.tcp.TcpSegment;

/** Masquerade's port choice, reverse mapping, conntrack states, timeouts and table limit, packet by packet. */
class MasqueradeTest {
    private static final long S = 1_000_000_000L;
    private static final int PUBLIC = Ipv4Address.parse("203.0.113.1");
    private static final int A = Ipv4Address.parse("192.168.1.11");
    private static final int B = Ipv4Address.parse("192.168.1.12");
    private static final int SERVER = Ipv4Address.parse("198.51.100.10");
    private static final int SYN = TcpSegment.SYN;
    private static final int SYNACK = TcpSegment.SYN | TcpSegment.ACK;
    private static final int ACK = TcpSegment.ACK;
    private static final int FIN = TcpSegment.FIN | TcpSegment.ACK;

    private final Simulation sim = new Simulation();

    private Masquerade nat(NatPortSelection selection, String... sysctls) {
        Sysctls s = Sysctls.defaults(KernelVersion.V6_18);
        try {
            for (int i = 0; i < sysctls.length; i += 2) {
                s = s.with(sysctls[i], sysctls[i + 1]);
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return new Masquerade(sim, new SplittableRandom(7), s, PUBLIC, selection);
    }

    private static TcpSegment seg(int src, int sport, int dst, int dport, int flags) {
        TcpSegment s = new TcpSegment();
        s.src = src;
        s.srcPort = sport;
        s.dst = dst;
        s.dstPort = dport;
        s.flags = flags;
        return s;
    }

    /** Sends a packet out from {@code src:sport}; returns the public port it left with. */
    private static int out(Masquerade nat, int src, int sport, int flags) {
        TcpSegment s = seg(src, sport, SERVER, 80, flags);
        assertEquals(Verdict.ACCEPT, nat.outbound(s, 0));
        assertEquals(PUBLIC, s.src, "masqueraded to the public address");
        return s.srcPort;
    }

    /** The server's answer to {@code publicPort}; returns the private address and port it went to. */
    private static long in(Masquerade nat, int publicPort, int flags) {
        TcpSegment s = seg(SERVER, 80, PUBLIC, publicPort, flags);
        assertEquals(Verdict.ACCEPT, nat.inbound(s, 0));
        return key(s.dst, s.dstPort);
    }

    private static long key(int address, int port) {
        return (Integer.toUnsignedLong(address) << 16) | port;
    }

    private static long count(Masquerade nat, String counter) {
        return nat.counters().get(counter);
    }

    /** Handshake from src:sport through the gateway; returns the public port. */
    private static int connect(Masquerade nat, int src, int sport) {
        int port = out(nat, src, sport, SYN);
        in(nat, port, SYNACK);
        out(nat, src, sport, ACK);
        return port;
    }

    @Test
    void theFirstFlowKeepsItsPortAndRepliesFindTheirWayBack() {
        Masquerade nat = nat(NatPortSelection.PRESERVE);
        int port = out(nat, A, 40000, SYN);
        assertEquals(40000, port, "get_unique_tuple keeps the source port when the tuple is free");
        assertEquals(key(A, 40000), in(nat, 40000, SYNACK));
        TcpSegment stray = seg(SERVER, 80, PUBLIC, 40001, ACK);
        assertEquals(Verdict.DROP_UNMATCHED, nat.inbound(stray, 0));
    }

    @Test
    void aSecondHostWithTheSamePortGetsAnotherPortOfTheSameClass() {
        Masquerade nat = nat(NatPortSelection.PRESERVE);
        assertEquals(40000, out(nat, A, 40000, SYN));
        int b = out(nat, B, 40000, SYN);
        assertNotEquals(40000, b);
        assertTrue(b >= 1024 && b <= 65535, "ports >= 1024 map into 1024-65535: " + b);
        assertEquals(key(B, 40000), in(nat, b, SYNACK), "the reply to the new port goes back to B's own port");
        assertEquals(key(A, 40000), in(nat, 40000, SYNACK));
        // the same private tuple again is the same flow: same mapping
        assertEquals(b, out(nat, B, 40000, ACK));
        // privileged ports stay privileged: < 512 -> 1-511, 512-1023 -> 600-1023
        out(nat, A, 500, SYN);
        int low = out(nat, B, 500, SYN);
        assertTrue(low >= 1 && low <= 511 && low != 500, "port " + low);
        out(nat, A, 700, SYN);
        int mid = out(nat, B, 700, SYN);
        assertTrue(mid >= 600 && mid <= 1023 && mid != 700, "port " + mid);
    }

    @Test
    void randomSelectionMovesEvenFreePortsAndNeverReusesATakenOne() {
        Masquerade nat = nat(NatPortSelection.FULLY_RANDOM);
        Set<Integer> ports = new HashSet<>();
        int kept = 0;
        for (int i = 0; i < 200; i++) {
            int p = out(nat, A, 40000 + i, SYN);
            assertTrue(ports.add(p), "public port " + p + " given twice");
            kept += p == 40000 + i ? 1 : 0;
        }
        assertTrue(kept <= 1, kept + " of 200 flows kept their port");
    }

    @Test
    void conntrackTimeoutsFollowTheTcpState() {
        Masquerade nat = nat(NatPortSelection.PRESERVE);
        out(nat, A, 40000, SYN); // SYN_SENT: 120 s
        int port = connect(nat, B, 40001); // ESTABLISHED: 5 days
        sim.run(119 * S);
        assertEquals(2, count(nat, "conntrack.count"));
        sim.run(121 * S);
        assertEquals(1, count(nat, "conntrack.count"), "the unanswered SYN's entry is gone after 120 s");
        // close: FIN, ACK -> CLOSE_WAIT (60 s); FIN -> LAST_ACK (30 s); ACK -> TIME_WAIT (120 s)
        TcpSegment fin = seg(B, 40001, SERVER, 80, FIN);
        nat.outbound(fin, 0);
        assertEquals(1, nat.gauges().get("conntrack.state.FIN_WAIT"));
        in(nat, port, ACK);
        assertEquals(1, nat.gauges().get("conntrack.state.CLOSE_WAIT"));
        in(nat, port, FIN);
        assertEquals(1, nat.gauges().get("conntrack.state.LAST_ACK"));
        out(nat, B, 40001, ACK);
        assertEquals(1, nat.gauges().get("conntrack.state.TIME_WAIT"));
        long closedAt = sim.now();
        sim.run(closedAt + 119 * S);
        assertEquals(1, count(nat, "conntrack.count"));
        sim.run(closedAt + 121 * S);
        assertEquals(0, count(nat, "conntrack.count"), "TIME_WAIT lasts nf_conntrack_tcp_timeout_time_wait");
    }

    @Test
    void aMidStreamAckIsPickedUpAsEstablishedAndAFirstFinIsInvalid() {
        Masquerade nat = nat(NatPortSelection.PRESERVE);
        // nf_conntrack_tcp_loose = 1: an ACK of a flow conntrack never saw opens it as ESTABLISHED
        assertEquals(40000, out(nat, A, 40000, ACK));
        assertEquals(1, nat.gauges().get("conntrack.state.ESTABLISHED"));
        sim.run(3600 * S);
        assertEquals(1, count(nat, "conntrack.count"), "with the ESTABLISHED timeout, not SYN_SENT's 120 s");
        // a FIN or RST cannot start a flow (tcp_new): INVALID, and not sent out untranslated
        for (int flags : new int[] {FIN, TcpSegment.RST}) {
            TcpSegment s = seg(B, 40001, SERVER, 80, flags);
            assertEquals(Verdict.DROP_UNMATCHED, nat.outbound(s, 0));
        }
        assertEquals(2, count(nat, "conntrack.invalid"));
        assertEquals(1, count(nat, "conntrack.count"));
    }

    @Test
    void aResetLeavesTenSecondsOfClose() {
        Masquerade nat = nat(NatPortSelection.PRESERVE);
        int port = connect(nat, A, 40000);
        in(nat, port, TcpSegment.RST);
        assertEquals(1, nat.gauges().get("conntrack.state.CLOSE"));
        sim.run(9 * S);
        assertEquals(1, count(nat, "conntrack.count"));
        sim.run(11 * S);
        assertEquals(0, count(nat, "conntrack.count"));
    }

    @Test
    void aNewSynOnATimeWaitFlowStartsANewEntryWithTheSamePort() {
        Masquerade nat = nat(NatPortSelection.PRESERVE);
        int port = connect(nat, A, 40000);
        nat.outbound(seg(A, 40000, SERVER, 80, FIN), 0);
        in(nat, port, FIN);
        out(nat, A, 40000, ACK);
        assertEquals(1, nat.gauges().get("conntrack.state.TIME_WAIT"));
        assertEquals(40000, out(nat, A, 40000, SYN), "the reopened flow keeps its mapping");
        assertEquals(2, count(nat, "conntrack.insert"), "tcp_packet kills the TIME_WAIT entry and tracks the SYN anew");
        assertEquals(1, nat.gauges().get("conntrack.state.SYN_SENT"));
    }

    @Test
    void aFullTableEvictsAnUnassuredFlowOrDropsTheNewOne() {
        Masquerade nat = nat(NatPortSelection.PRESERVE, SysctlNames.NF_CONNTRACK_MAX, "2");
        connect(nat, A, 40000);
        connect(nat, A, 40001);
        // both ASSURED (an ACK after SYN_RECV): nothing may go, the third flow's SYN is dropped
        TcpSegment third = seg(B, 40002, SERVER, 80, SYN);
        assertEquals(Verdict.DROP_TABLE_FULL, nat.outbound(third, 0));
        assertEquals(1, count(nat, "conntrack.drop"));
        assertEquals(2, count(nat, "conntrack.count"));
        // close one: a closing flow may be evicted even though it is ASSURED (tcp_can_early_drop)
        nat.outbound(seg(A, 40001, SERVER, 80, FIN), 0);
        assertEquals(Verdict.ACCEPT, nat.outbound(seg(B, 40002, SERVER, 80, SYN), 0));
        assertEquals(1, count(nat, "conntrack.early_drop"));
        assertEquals(2, count(nat, "conntrack.count"));
    }

    @Test
    void aRangeOfPublicAddressesGivesEachClientServerPairOneOfThem() {
        int[] publics = new int[4];
        for (int i = 0; i < publics.length; i++) {
            publics[i] = PUBLIC + i;
        }
        Masquerade nat = new Masquerade(sim, new SplittableRandom(7), Sysctls.defaults(KernelVersion.V6_18), publics,
                NatPortSelection.PRESERVE);
        Set<Integer> used = new HashSet<>();
        for (int c = 0; c < 64; c++) {
            int client = A + c;
            TcpSegment first = seg(client, 40000, SERVER, 80, SYN);
            assertEquals(Verdict.ACCEPT, nat.outbound(first, 0));
            TcpSegment second = seg(client, 40001, SERVER, 80, SYN);
            nat.outbound(second, 0);
            assertEquals(first.src, second.src, "find_best_ips_proto hashes addresses only: same pair, same address");
            assertTrue(first.src >= PUBLIC && first.src < PUBLIC + publics.length, Ipv4Address.format(first.src));
            used.add(first.src);
            TcpSegment reply = seg(SERVER, 80, first.src, first.srcPort, SYNACK);
            assertEquals(Verdict.ACCEPT, nat.inbound(reply, 0));
            assertEquals(key(client, 40000), key(reply.dst, reply.dstPort));
        }
        assertEquals(publics.length, used.size(), "64 clients spread over all 4 addresses");
    }

    @Test
    void tcpOptionsPassUntouched() {
        Masquerade nat = nat(NatPortSelection.PRESERVE);
        TcpSegment s = seg(A, 40000, SERVER, 80, SYN);
        s.hasTimestamps = true;
        s.tsVal = 123456789;
        s.mssOption = 1460;
        s.seq = 42;
        nat.outbound(s, 0);
        assertEquals(123456789, s.tsVal, "the client's timestamp clock shows through (what breaks tcp_tw_recycle)");
        assertEquals(1460, s.mssOption);
        assertEquals(42, s.seq);
    }
}
