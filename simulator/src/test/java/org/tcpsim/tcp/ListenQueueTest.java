package org.tcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tcpsim.kernel.KernelVersion;
import org.tcpsim.kernel.MibCounter;
import org.tcpsim.net.Ipv4Address;

/** Listen queues as tcp_conn_request, sk_acceptq_is_full and tcp_check_req run them. */
class ListenQueueTest {
    static final long MS = 1_000_000;
    static final long S = 1_000 * MS;

    private static TcpTestbed testbed(String... sysctls) {
        return new TcpTestbed(1, TcpTestbed.link(1_000_000_000L, 5 * MS), TcpTestbed.link(1_000_000_000L, 5 * MS),
                KernelVersion.V6_18, sysctls);
    }

    /** A SYN from an address nobody owns: its SYN-ACK goes nowhere (a spoofed flood). */
    private static void spoofedSyn(TcpTestbed tb, int i, long now) {
        TcpSegment syn = new TcpSegment();
        syn.src = Ipv4Address.parse("198.18.0.1") + i;
        syn.dst = TcpTestbed.SERVER;
        syn.srcPort = 1024 + i;
        syn.dstPort = 80;
        syn.seq = 1000 * i;
        syn.flags = TcpSegment.SYN;
        syn.window = 65535;
        syn.mssOption = 1460;
        syn.sealLength();
        tb.clientHost.send(syn, now);
    }

    @Test
    void a_server_that_never_accepts_holds_backlog_plus_one_and_drops_later_syns() {
        TcpTestbed tb = testbed();
        int backlog = 3;
        TcpListener l = tb.server.listen(80, backlog, SocketOptions.DEFAULTS, (lis, now) -> { });
        List<TcpSocket> clients = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            long at = i * 100 * MS;
            tb.sim.schedule(at, now -> clients.add(tb.client.connect(TcpTestbed.SERVER, 80, SocketOptions.DEFAULTS,
                    new SocketCallbacks() { })));
        }
        tb.sim.run(4 * S + 600 * MS); // the last 4th retransmission leaves at 4.5 s and lands 5 ms later
        // sk_acceptq_is_full is "> backlog": backlog + 1 children fit
        assertEquals(backlog + 1, l.acceptQueueLength());
        long established = clients.stream().filter(c -> c.state() == TcpState.ESTABLISHED).count();
        assertEquals(backlog + 1, established);
        // the other two: SYNs dropped at the full queue, retransmitted at 1, 2, 3, 4 s (linear) by now
        for (TcpSocket c : clients.subList(backlog + 1, clients.size())) {
            assertEquals(TcpState.SYN_SENT, c.state());
            assertEquals(4, c.synRetransmits());
        }
        // every dropped SYN counts: 2 clients x (1 + 4) SYNs
        assertEquals(10, tb.server.counter(MibCounter.LISTEN_OVERFLOWS));
        assertEquals(10, tb.server.counter(MibCounter.LISTEN_DROPS));
    }

    /**
     * The request queue admits backlog + 1 requests and the accept queue holds backlog + 1
     * children, so a final ACK finds the accept queue full only when it was partly full already
     * when the SYNs came: backlog 2, one connection accepted-queued first, then three at once.
     */
    private static List<TcpSocket> overflowFinalAck(TcpTestbed tb) {
        List<TcpSocket> clients = new ArrayList<>();
        tb.sim.schedule(0, now -> clients.add(tb.client.connect(TcpTestbed.SERVER, 80, SocketOptions.DEFAULTS,
                new SocketCallbacks() { })));
        tb.sim.schedule(100 * MS, now -> {
            for (int i = 0; i < 3; i++) {
                clients.add(tb.client.connect(TcpTestbed.SERVER, 80, SocketOptions.DEFAULTS, new SocketCallbacks() { }));
            }
        });
        return clients;
    }

    @Test
    void a_final_ack_meeting_a_full_accept_queue_is_dropped_and_the_request_keeps_resending_its_syn_ack() {
        TcpTestbed tb = testbed();
        TcpListener l = tb.server.listen(80, 2, SocketOptions.DEFAULTS, (lis, now) -> { });
        List<TcpSocket> clients = overflowFinalAck(tb);
        tb.sim.run(5 * S);
        assertEquals(3, l.acceptQueueLength());
        // the client believes the fourth connection is established, the server does not
        clients.forEach(c -> assertEquals(TcpState.ESTABLISHED, c.state()));
        assertEquals(1, l.synQueueLength(), "the unlucky request stays in SYN_RECV");
        // its SYN-ACK went again at 1 s and 3 s; each re-ACK met the full queue again
        assertEquals(2, tb.server.counter(MibCounter.TCP_SYN_RETRANS));
        assertEquals(3, tb.server.counter(MibCounter.LISTEN_OVERFLOWS));
        // once accept() frees a slot, the next SYN-ACK's re-ACK completes it (at 7 s)
        l.accept(null);
        tb.sim.run(10 * S);
        assertEquals(3, l.acceptQueueLength());
        assertEquals(0, l.synQueueLength());
    }

    @Test
    void tcp_abort_on_overflow_answers_the_final_ack_with_a_reset() {
        TcpTestbed tb = testbed("net.ipv4.tcp_abort_on_overflow", "1");
        tb.server.listen(80, 2, SocketOptions.DEFAULTS, (lis, now) -> { });
        List<TcpSocket> clients = overflowFinalAck(tb);
        tb.sim.run(2 * S);
        TcpSocket last = clients.get(3);
        assertEquals(TcpState.CLOSED, last.state());
        assertEquals("ECONNRESET", last.errno());
        assertEquals(1, tb.server.counter(MibCounter.EMBRYONIC_RSTS));
        clients.subList(0, 3).forEach(c -> assertEquals(TcpState.ESTABLISHED, c.state()));
    }

    @Test
    void with_syncookies_a_flooded_listener_still_admits_a_real_client() {
        TcpTestbed tb = testbed("net.ipv4.tcp_syncookies", "1");
        int backlog = 8;
        TcpListener l = tb.server.listen(80, backlog, SocketOptions.DEFAULTS, (lis, now) -> {
            while (lis.accept(null) != null) {
                // accept everything
            }
        });
        for (int i = 0; i < 100; i++) {
            spoofedSyn(tb, i, 0);
        }
        tb.sim.run(100 * MS);
        // inet_csk_reqsk_queue_is_full is "qlen > backlog": backlog + 1 requests, then cookies
        assertEquals(backlog + 1, l.synQueueLength());
        assertEquals(100 - backlog - 1, tb.server.counter(MibCounter.SYNCOOKIES_SENT));
        assertEquals(100 - backlog - 1, tb.server.counter(MibCounter.TCP_REQ_Q_FULL_DO_COOKIES));
        TcpSocket c = tb.client.connect(TcpTestbed.SERVER, 80, SocketOptions.DEFAULTS, new SocketCallbacks() { });
        tb.sim.run(200 * MS);
        assertEquals(TcpState.ESTABLISHED, c.state());
        assertEquals(0, c.synRetransmits());
        assertEquals(1, tb.server.counter(MibCounter.SYNCOOKIES_RECV));
        assertNull(c.errno());
    }

    @Test
    void without_syncookies_a_flooded_listener_drops_new_syns() {
        TcpTestbed tb = testbed("net.ipv4.tcp_syncookies", "0");
        TcpListener l = tb.server.listen(80, 8, SocketOptions.DEFAULTS, (lis, now) -> { });
        for (int i = 0; i < 100; i++) {
            spoofedSyn(tb, i, 0);
        }
        tb.sim.run(100 * MS);
        assertEquals(9, l.synQueueLength());
        assertEquals(91, tb.server.counter(MibCounter.TCP_REQ_Q_FULL_DROP));
        assertEquals(0, tb.server.counter(MibCounter.SYNCOOKIES_SENT));
        TcpSocket c = tb.client.connect(TcpTestbed.SERVER, 80, SocketOptions.DEFAULTS, new SocketCallbacks() { });
        tb.sim.run(1500 * MS);
        assertEquals(TcpState.SYN_SENT, c.state(), "its SYN was dropped: it retransmits");
        assertTrue(c.synRetransmits() >= 1);
    }

    @Test
    void tw_recycle_on_4_9_rejects_a_syn_whose_timestamp_is_older_than_the_peers_last() {
        TcpTestbed tb = new TcpTestbed(1, TcpTestbed.link(1_000_000_000L, 5 * MS), TcpTestbed.link(1_000_000_000L,
                5 * MS), KernelVersion.V4_9, "net.ipv4.tcp_tw_recycle", "1");
        tb.client.setUptimeNs(3600 * S); // the client has been up an hour: its TSvals are large
        tb.server.listen(80, 128, SocketOptions.DEFAULTS, (lis, now) -> {
            TcpSocket s;
            while ((s = lis.accept(null)) != null) {
                s.close(now); // the server closes first: the server holds TIME_WAIT and remembers the peer's TSval
            }
        });
        TcpSocket c = tb.client.connect(TcpTestbed.SERVER, 80, SocketOptions.DEFAULTS, new SocketCallbacks() {
            @Override
            public void readable(TcpSocket s, long now) {
                if (s.read(1 << 16, now) < 0) {
                    s.close(now);
                }
            }
        });
        tb.sim.run(2 * S);
        assertEquals(TcpState.CLOSED, c.state());
        // the client's FIN came with its ACK of ours, so the server went straight to TIME_WAIT, whose
        // recycle timeout of 3.5 x RTO (<= 4 s) counts in TWKilled; it is gone 2 s later
        assertEquals(1, tb.server.counter(MibCounter.TW_KILLED));
        assertEquals(0, tb.server.counter(MibCounter.TW));
        assertEquals(0, tb.server.socketsByState()[TcpState.TIME_WAIT.ordinal()]);
        // another machine behind the same address (a NAT), up for one minute only: older TSvals
        TcpSegment syn = new TcpSegment();
        syn.src = TcpTestbed.CLIENT;
        syn.dst = TcpTestbed.SERVER;
        syn.srcPort = 50000;
        syn.dstPort = 80;
        syn.seq = 1;
        syn.flags = TcpSegment.SYN;
        syn.window = 65535;
        syn.mssOption = 1460;
        syn.hasTimestamps = true;
        syn.tsVal = 60_000;
        syn.sealLength();
        tb.clientHost.send(syn, tb.sim.now());
        tb.sim.run(3 * S);
        assertEquals(1, tb.server.counter(MibCounter.PAWS_PASSIVE));
        assertEquals(1, tb.server.counter(MibCounter.LISTEN_DROPS));
    }
}
