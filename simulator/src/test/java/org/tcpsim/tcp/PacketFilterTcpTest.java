package org.tcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tcpsim.tcp.TcpTimeline.MS;
import static org.tcpsim.tcp.TcpTimeline.S;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tcpsim.kernel.MibCounter;
import org.tcpsim.net.DropCause;
import org.tcpsim.net.FilterRule;
import org.tcpsim.net.FilterRule.Direction;
import org.tcpsim.net.FilterRule.Payload;
import org.tcpsim.net.Packet;
import org.tcpsim.net.PacketFilter;

/**
 * Host packet filters against TCP: a filter is an nftables-like drop rule at the host's IP
 * input, so TCP sees exactly what it would see behind such a rule on Linux.
 */
class PacketFilterTcpTest {
    static final long DELAY = 10 * MS;

    /** nft: {@code tcp dport 80 tcp flags == ack} with no payload: a bare ACK to the server, such as a handshake's last. */
    static FilterRule bareAcksTo(int port) {
        return new FilterRule("final-ack", Direction.IN, Packet.PROTO_TCP, -1, port, 0xff, TcpSegment.ACK,
                Payload.EMPTY, 1.0, 0, Long.MAX_VALUE);
    }

    static boolean bareAck(TcpSegment s) {
        return s.flags == TcpSegment.ACK && s.dataLength == 0;
    }

    /**
     * Only bare ACKs are dropped, and a client that waits for the server to speak sends nothing
     * else: it is ESTABLISHED after the SYN-ACK, while the server's request never sees an ACK. The
     * server resends the SYN-ACK at 1, 3, 7, 15, 31 s (tcp_synack_retries = 5) and drops the
     * request silently at 63 s ([6.18] inet_connection_sock.c: reqsk_timer_handler); the client
     * answers each resend with a bare ACK (tcp_rcv_state_process: an old SYN-ACK in ESTABLISHED is
     * re-ACKed), so the filter drops 1 + 5 ACKs, and the client stays ESTABLISHED.
     */
    @Test
    void dropping_bare_acks_leaves_the_client_established_while_the_servers_request_times_out() {
        TcpTestbed tb = TcpTestbed.simple(DELAY);
        PacketFilter f = tb.serverHost.addFilter(bareAcksTo(80));
        TcpTimeline tl = new TcpTimeline(tb, true);
        int[] accepted = {0};
        TcpListener l = tb.server.listen(80, 128, SocketOptions.DEFAULTS, (ls, now) -> accepted[0]++);
        HandshakeTimingTest.ConnectWatcher w = new HandshakeTimingTest.ConnectWatcher();
        TcpSocket c = tb.client.connect(TcpTestbed.SERVER, 80, SocketOptions.DEFAULTS, w);
        tb.sim.run(200 * S);

        assertTrue(w.connected, "the client got the SYN-ACK" + tl);
        assertEquals(TcpState.ESTABLISHED, c.state(), "and still believes the connection is up");
        long synArrival = tl.times("server", false, TcpTimeline::pureSyn).get(0);
        List<Long> relative = tl.times("server", true, TcpTimeline::synAck).stream().map(t -> t - synArrival).toList();
        assertEquals(List.of(0L, 1000L, 3000L, 7000L, 15000L, 31000L), TcpTimeline.millis(relative), tl.wireDump());
        assertEquals(63 * S, tl.when("server", TcpState.SYN_RECV, TcpState.CLOSED) - synArrival,
                "the request times out at 63 s" + tl);

        int clientAcks = tl.times("client", true, PacketFilterTcpTest::bareAck).size();
        assertEquals(6, clientAcks, "the final ACK and one re-ACK per SYN-ACK resend" + tl.wireDump());
        assertEquals(clientAcks, f.dropped(), "the filter dropped every one of them");
        assertEquals(0, tl.times("server", false, PacketFilterTcpTest::bareAck).size(), "TCP never saw them");
        assertEquals(clientAcks, tb.net.drops().get(DropCause.FILTER));
        assertEquals(0, accepted[0]);
        assertEquals(0, l.synQueueLength(), "the request left the SYN queue");
        assertEquals(0, tb.server.counter(MibCounter.TCP_PASSIVE_OPENS), "no child was ever created");
    }

    /**
     * The same rule does not stop a client that writes at once: its first data segment carries
     * the ACK of the SYN-ACK (and a payload), which completes the handshake on the server
     * (tcp_check_req accepts any segment acknowledging the SYN-ACK). Only the bare final ACK is lost.
     */
    @Test
    void a_client_that_writes_at_once_completes_the_handshake_with_its_first_data_segment() {
        TcpTestbed tb = TcpTestbed.simple(DELAY);
        PacketFilter f = tb.serverHost.addFilter(bareAcksTo(80));
        TcpTimeline tl = new TcpTimeline(tb, true);
        tb.server.listen(80, 128, SocketOptions.DEFAULTS, (ls, now) -> ls.accept(new SocketCallbacks() { }));
        SocketCallbacks writer = new SocketCallbacks() {
            @Override
            public void connected(TcpSocket s, long now) {
                s.write(100, now);
            }
        };
        tb.client.connect(TcpTestbed.SERVER, 80, SocketOptions.DEFAULTS, writer);
        tb.sim.run(5 * S);

        assertNotNull(tl.find("server", TcpState.SYN_RECV, TcpState.ESTABLISHED), "established by the data" + tl);
        assertEquals(1, f.dropped(), "only the handshake's bare ACK" + tl.wireDump());
        assertEquals(1, tb.server.counter(MibCounter.TCP_PASSIVE_OPENS));
        assertEquals(1, tl.times("server", true, TcpTimeline::synAck).size(), "one SYN-ACK, no resend needed");
    }

    /**
     * An inbound black hole at the server is a lost SYN to the client: SYNs at 0, 1, 2, 3, 4, 5, 7,
     * 11, 19, 35, 67 s and ETIMEDOUT at 131 s (as {@link HandshakeTimingTest} finds with a lossy
     * link), all 11 SYNs counted by the filter.
     */
    @Test
    void an_inbound_black_hole_makes_connect_time_out_at_131s() {
        TcpTestbed tb = TcpTestbed.simple(DELAY);
        PacketFilter f = tb.serverHost.addFilter(FilterRule.blackHole("hole", Direction.IN));
        HandshakeTimingTest.ConnectWatcher w = new HandshakeTimingTest.ConnectWatcher();
        tb.client.connect(TcpTestbed.SERVER, 80, SocketOptions.DEFAULTS, w);
        tb.sim.run(400 * S);
        assertEquals("ETIMEDOUT", w.errno);
        assertEquals(131 * S, w.closedAt);
        assertEquals(11, f.dropped());
        assertEquals(0, tb.server.counter(MibCounter.TCP_IN_SEGS), "TCP on the server saw nothing");
    }
}
