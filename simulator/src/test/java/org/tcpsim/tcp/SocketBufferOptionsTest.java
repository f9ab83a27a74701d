package org.tcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.tcpsim.kernel.KernelVersion;
import org.tcpsim.kernel.Sysctls;

/**
 * SO_SNDBUF / SO_RCVBUF as sk_setsockopt sets them (__sock_set_sndbuf, __sock_set_rcvbuf: capped at
 * wmem_max / rmem_max, doubled, floored at SOCK_MIN_SNDBUF / SOCK_MIN_RCVBUF) and as getsockopt reads
 * them before connect (tcp_init_sock's tcp_wmem[1] / tcp_rmem[1]) and on a listener's children.
 */
class SocketBufferOptionsTest {
    private static final int LOCAL = 0xc0a80001;
    private static final int PEER = 0xc0000201;
    private static final TcpSettings DEFAULTS = new TcpSettings(KernelVersion.V6_18,
            Sysctls.defaults(KernelVersion.V6_18));

    @Test
    void set_values_are_capped_doubled_and_floored() {
        assertEquals(20000, SocketOptionCalls.sockSndbuf(10000, DEFAULTS));
        assertEquals(4608, SocketOptionCalls.sockSndbuf(1, DEFAULTS), "SOCK_MIN_SNDBUF");
        assertEquals(4608, SocketOptionCalls.sockSndbuf(0, DEFAULTS));
        assertEquals(2 * DEFAULTS.wmemMax, SocketOptionCalls.sockSndbuf(100_000_000, DEFAULTS), "wmem_max, doubled");
        assertEquals(2 * DEFAULTS.wmemMax, SocketOptionCalls.sockSndbuf(-1, DEFAULTS), "min_t(u32, ...): -1 is huge");
        assertEquals(60000, SocketOptionCalls.sockRcvbuf(30000, DEFAULTS));
        assertEquals(2304, SocketOptionCalls.sockRcvbuf(1, DEFAULTS), "SOCK_MIN_RCVBUF");
        assertEquals(2 * DEFAULTS.rmemMax, SocketOptionCalls.sockRcvbuf(1L << 30, DEFAULTS));
    }

    @Test
    void before_connect_getsockopt_reads_the_sysctl_defaults_or_the_doubled_value() {
        TcpStack stack = new TcpStack(new TcpHostTest.ListHost());
        TcpSettings st = stack.settings;
        assertEquals(st.wmem[1], SocketOptionCalls.getUnconnected(stack, SocketOptions.DEFAULTS, "SO_SNDBUF"));
        assertEquals(st.rmem[1], SocketOptionCalls.getUnconnected(stack, SocketOptions.DEFAULTS, "SO_RCVBUF"));
        SocketOptions set = SocketOptions.DEFAULTS.withSndbuf(1000).withRcvbuf(30000);
        assertEquals(4608, SocketOptionCalls.getUnconnected(stack, set, "SO_SNDBUF"));
        assertEquals(60000, SocketOptionCalls.getUnconnected(stack, set, "SO_RCVBUF"));
        TcpSocket s = stack.connect(PEER, 80, set, null);
        assertEquals(4608, s.sndbuf(), "the socket connect() makes has the same buffer getsockopt showed");
        assertEquals(60000, s.rcvbuf());
    }

    @Test
    void zero_is_a_set_value_the_locked_minimum_not_unset() {
        TcpStack stack = new TcpStack(new TcpHostTest.ListHost());
        SocketOptions zero = SocketOptions.DEFAULTS.withSndbuf(0).withRcvbuf(0); // "sockopt": {"SO_SNDBUF": 0, ...}
        assertEquals(4608, SocketOptionCalls.getUnconnected(stack, zero, "SO_SNDBUF"), "SOCK_MIN_SNDBUF");
        assertEquals(2304, SocketOptionCalls.getUnconnected(stack, zero, "SO_RCVBUF"), "SOCK_MIN_RCVBUF");
        TcpSocket s = stack.connect(PEER, 80, zero, null);
        assertEquals(4608, s.sndbuf());
        assertEquals(2304, s.rcvbuf());
        assertEquals(true, s.snd.sndbufLocked, "SOCK_SNDBUF_LOCK");
        assertEquals(true, s.rcv.locked, "SOCK_RCVBUF_LOCK");
    }

    @Test
    void rcvbuf_set_on_an_open_connection_takes_effect_and_locks_the_buffer() {
        TcpStack stack = new TcpStack(new TcpHostTest.ListHost());
        TcpSocket s = stack.connect(PEER, 80, SocketOptions.DEFAULTS, null);
        assertEquals(false, s.rcv.locked);
        assertNull(SocketOptionCalls.set(s, "SO_RCVBUF", 2500, 0));
        assertEquals(5000, SocketOptionCalls.get(s, "SO_RCVBUF"));
        assertEquals(5000, s.rcvbuf());
        assertEquals(true, s.rcv.locked, "__sock_set_rcvbuf: SOCK_RCVBUF_LOCK, so tcp_rcvbuf_grow leaves it");
        assertNull(SocketOptionCalls.set(s, "SO_RCVBUF", -1, 0));
        assertEquals(2 * stack.settings.rmemMax, s.rcvbuf(), "min_t(u32, -1, rmem_max), doubled");
    }

    @Test
    void buffers_set_on_a_listener_pass_to_its_children_and_their_window_scale() {
        TcpHostTest.ListHost host = new TcpHostTest.ListHost();
        TcpStack stack = new TcpStack(host);
        TcpListener l = stack.listen(8080, 4, SocketOptions.DEFAULTS, (x, now) -> { });
        assertNull(SocketOptionCalls.setOnListener(l, "SO_SNDBUF", 50000));
        assertNull(SocketOptionCalls.setOnListener(l, "SO_RCVBUF", 40000));
        assertEquals(100000, SocketOptionCalls.getOnListener(l, "SO_SNDBUF"));
        assertEquals(80000, SocketOptionCalls.getOnListener(l, "SO_RCVBUF"));
        TcpSegment syn = new TcpSegment();
        syn.src = PEER;
        syn.dst = LOCAL;
        syn.srcPort = 40000;
        syn.dstPort = 8080;
        syn.flags = TcpSegment.SYN;
        syn.seq = 1000;
        syn.window = 65535;
        syn.mssOption = 1460;
        syn.windowScaleOption = 7;
        stack.deliver(syn, 0);
        TcpSegment synAck = host.sent.get(0);
        assertEquals(0, synAck.windowScaleOption, "an 80000-byte locked buffer needs no scaling (tcp_select_initial_window)");
        TcpSegment ack = new TcpSegment();
        ack.src = PEER;
        ack.dst = LOCAL;
        ack.srcPort = 40000;
        ack.dstPort = 8080;
        ack.flags = TcpSegment.ACK;
        ack.seq = 1001;
        ack.ack = synAck.seq + 1;
        ack.window = 514;
        stack.deliver(ack, 1_000_000);
        TcpSocket child = l.accept(null);
        assertEquals(100000, SocketOptionCalls.get(child, "SO_SNDBUF"));
        assertEquals(80000, SocketOptionCalls.get(child, "SO_RCVBUF"));
    }
}
