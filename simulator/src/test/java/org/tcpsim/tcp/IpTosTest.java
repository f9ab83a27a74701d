package org.tcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * IP_TOS and IP_MTU_DISCOVER on a TCP socket: the TOS byte and the DF bit of what it sends
 * (ip_queue_xmit: inet->tos and ip_dont_fragment), __ip_sock_set_tos keeping TCP's ECN bits, the
 * option range, and a listener passing both to its SYN-ACKs and children. One stack through
 * {@link TcpHostTest.ListHost}.
 */
class IpTosTest {
    private static final int PEER = 0xc0000201;

    @Test
    void df_is_set_for_want_and_do_only() {
        // ip_dont_fragment; measured on 6.18.44 over lo: DONT, PROBE, INTERFACE, OMIT send without DF
        boolean[] expected = {false, true, true, false, false, false};
        for (int mode = 0; mode <= 5; mode++) {
            assertEquals(expected[mode], SocketOptions.DEFAULTS.withPmtudisc(mode).dontFragment(), "mode " + mode);
        }
        assertTrue(SocketOptions.DEFAULTS.dontFragment(), "a new socket is IP_PMTUDISC_WANT");
        assertFalse(SocketOptionCalls.validPmtudisc(6));
        assertFalse(SocketOptionCalls.validPmtudisc(-1));
    }

    @Test
    void tos_keeps_the_ecn_bits_it_had() {
        assertEquals(0x10, SocketOptionCalls.ipTos(0, 0x13));
        assertEquals(0xb9, SocketOptionCalls.ipTos(0x01, 0xb8));
        assertEquals(0x00, SocketOptionCalls.ipTos(0, 0x100), "inet->tos is a u8");
    }

    @Test
    void a_connection_sends_with_its_tos_and_df_and_follows_changes() {
        TcpHostTest.ListHost host = new TcpHostTest.ListHost();
        TcpStack stack = new TcpStack(host);
        SocketOptions o = SocketOptions.DEFAULTS.withIpTos(0x20).withPmtudisc(SocketOptions.IP_PMTUDISC_DONT);
        TcpSocket s = stack.connect(PEER, 40000, o, null);
        TcpSegment syn = host.sent.get(0);
        assertEquals(0x20, syn.tos);
        assertFalse(syn.dontFragment, "IP_PMTUDISC_DONT: no DF on the SYN");
        TcpSegment synAck = TcpHostTest.inbound(TcpSegment.SYN | TcpSegment.ACK, 5000, syn.seq + 1, 65535);
        synAck.mssOption = 1460;
        synAck.srcPort = syn.dstPort;
        synAck.dstPort = syn.srcPort;
        stack.deliver(synAck, 1_000_000);
        assertEquals(TcpState.ESTABLISHED, s.state());
        assertEquals(0x20, host.sent.get(1).tos, "the handshake's ACK");
        assertNull(SocketOptionCalls.set(s, "IP_TOS", 0xb8, 2_000_000));
        assertNull(SocketOptionCalls.set(s, "IP_MTU_DISCOVER", SocketOptions.IP_PMTUDISC_DO, 2_000_000));
        assertEquals("EINVAL", SocketOptionCalls.set(s, "IP_MTU_DISCOVER", 6, 2_000_000));
        assertEquals(0xb8, SocketOptionCalls.get(s, "IP_TOS"));
        assertEquals(SocketOptions.IP_PMTUDISC_DO, SocketOptionCalls.get(s, "IP_MTU_DISCOVER"));
        int before = host.sent.size();
        s.write(1000, 3_000_000, false, false, false);
        TcpSegment data = host.sent.get(before);
        assertEquals(1000, data.dataLength);
        assertEquals(0xb8, data.tos);
        assertTrue(data.dontFragment);
    }

    @Test
    void a_listener_gives_its_tos_and_df_to_synacks_and_children() {
        TcpHostTest.ListHost host = new TcpHostTest.ListHost();
        TcpStack stack = new TcpStack(host);
        TcpListener l = stack.listen(8080, 4, SocketOptions.DEFAULTS, (x, now) -> { });
        assertEquals(0, SocketOptionCalls.getOnListener(l, "IP_TOS"));
        assertEquals(SocketOptions.IP_PMTUDISC_WANT, SocketOptionCalls.getOnListener(l, "IP_MTU_DISCOVER"));
        assertNull(SocketOptionCalls.setOnListener(l, "IP_TOS", 0x28));
        assertNull(SocketOptionCalls.setOnListener(l, "IP_MTU_DISCOVER", SocketOptions.IP_PMTUDISC_OMIT));
        assertEquals("EINVAL", SocketOptionCalls.setOnListener(l, "IP_MTU_DISCOVER", 9));
        TcpSegment syn = TcpHostTest.inbound(TcpSegment.SYN, 1000, 0, 65535);
        syn.mssOption = 1460;
        stack.deliver(syn, 0);
        TcpSegment synAck = host.sent.get(0);
        assertEquals(0x28, synAck.tos, "tcp_v4_send_synack: the listener's inet->tos");
        assertFalse(synAck.dontFragment);
        stack.deliver(TcpHostTest.inbound(TcpSegment.ACK, 1001, synAck.seq + 1, 65535), 1_000_000);
        TcpSocket child = l.accept(null);
        assertEquals(0x28, SocketOptionCalls.get(child, "IP_TOS"), "sk_clone_lock copies inet->tos");
        assertEquals(SocketOptions.IP_PMTUDISC_OMIT, SocketOptionCalls.get(child, "IP_MTU_DISCOVER"));
    }
}
