package org.tcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * TCP_MAXSEG (tp->rx_opt.user_mss) as Linux 6.18 applies it: tcp_sock_set_maxseg's range, the MSS a
 * SYN or SYN-ACK advertises (tcp_mss_clamp), the peer's MSS clamped to it, and what getsockopt returns
 * in each state (do_tcp_getsockopt). One stack through {@link TcpHostTest.ListHost}, MTU 1500.
 */
class MaxsegTest {
    private static final int LOCAL = 0xc0a80001;
    private static final int PEER = 0xc0000201;

    private static TcpSegment fromPeer(int flags, int seq, int ack, int mss) {
        TcpSegment s = TcpHostTest.inbound(flags, seq, ack, 65535);
        s.mssOption = mss;
        return s;
    }

    @Test
    void range_is_tcp_min_mss_to_max_tcp_window_or_zero() {
        assertEquals(false, SocketOptionCalls.validMaxseg(87));
        assertEquals(true, SocketOptionCalls.validMaxseg(88));
        assertEquals(true, SocketOptionCalls.validMaxseg(32767));
        assertEquals(false, SocketOptionCalls.validMaxseg(32768));
        assertEquals(true, SocketOptionCalls.validMaxseg(0), "0 clears user_mss");
        assertEquals(false, SocketOptionCalls.validMaxseg(-1));
    }

    @Test
    void connect_advertises_user_mss_and_clamps_the_peers_larger_mss() {
        TcpHostTest.ListHost host = new TcpHostTest.ListHost();
        TcpStack stack = new TcpStack(host);
        SocketOptions o = SocketOptions.DEFAULTS.withUserMss(1000);
        assertEquals(1000, SocketOptionCalls.getUnconnected(stack, o, "TCP_MAXSEG"), "user_mss before connect");
        assertEquals(536, SocketOptionCalls.getUnconnected(stack, SocketOptions.DEFAULTS, "TCP_MAXSEG"),
                "mss_cache as tcp_init_sock leaves it: TCP_MSS_DEFAULT");
        TcpSocket s = stack.connect(PEER, 40000, o, null);
        TcpSegment syn = host.sent.get(0);
        assertEquals(1000, syn.mssOption, "tcp_advertise_mss: advmss = tcp_mss_clamp(1460, 1000)");
        TcpSegment synAck = fromPeer(TcpSegment.SYN | TcpSegment.ACK, 5000, syn.seq + 1, 1460);
        synAck.srcPort = syn.dstPort;
        synAck.dstPort = syn.srcPort;
        stack.deliver(synAck, 1_000_000);
        assertEquals(TcpState.ESTABLISHED, s.state());
        assertEquals(1000, s.mss(), "mss_clamp = min(peer's 1460, user_mss)");
        assertEquals(1000, SocketOptionCalls.get(s, "TCP_MAXSEG"));
        // after connect: user_mss changes, the MSS in use does not, and getsockopt returns the latter
        assertNull(SocketOptionCalls.set(s, "TCP_MAXSEG", 600, 2_000_000));
        assertEquals(1000, s.mss());
        assertEquals(1000, SocketOptionCalls.get(s, "TCP_MAXSEG"));
        assertEquals("EINVAL", SocketOptionCalls.set(s, "TCP_MAXSEG", 40, 2_000_000));
    }

    @Test
    void maxseg_set_on_a_listener_reaches_its_synack_and_children() {
        TcpHostTest.ListHost host = new TcpHostTest.ListHost();
        TcpStack stack = new TcpStack(host);
        TcpListener l = stack.listen(8080, 4, SocketOptions.DEFAULTS, (x, now) -> { });
        assertEquals(536, SocketOptionCalls.getOnListener(l, "TCP_MAXSEG"));
        assertNull(SocketOptionCalls.setOnListener(l, "TCP_MAXSEG", 1200));
        assertEquals("EINVAL", SocketOptionCalls.setOnListener(l, "TCP_MAXSEG", 50000));
        assertEquals(1200, SocketOptionCalls.getOnListener(l, "TCP_MAXSEG"));
        stack.deliver(fromPeer(TcpSegment.SYN, 1000, 0, 1460), 0);
        TcpSegment synAck = host.sent.get(0);
        assertEquals(1200, synAck.mssOption, "tcp_make_synack: tcp_mss_clamp of the listener");
        stack.deliver(fromPeer(TcpSegment.ACK, 1001, synAck.seq + 1, 0), 1_000_000);
        TcpSocket child = l.accept(null);
        assertEquals(1200, child.mss(), "the child inherits user_mss: min(1460, 1200)");
        assertEquals(1200, SocketOptionCalls.get(child, "TCP_MAXSEG"));
    }
}
