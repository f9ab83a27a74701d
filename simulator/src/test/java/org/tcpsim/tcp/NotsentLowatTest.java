package org.tcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tcpsim.kernel.KernelVersion;
import org.tcpsim.kernel.Sysctls;

/**
 * TCP_NOTSENT_LOWAT and net.ipv4.tcp_notsent_lowat (tcp_notsent_lowat, tcp_stream_memory_free): a
 * write takes no new skb while write_seq - snd_nxt is at least the limit, and the writer is woken
 * (sk_stream_write_space) only once fewer than half of it are unsent, after the ACK's push
 * (tcp_data_snd_check -> tcp_check_space). One stack, MSS 1000, the peer's window 32896: size_goal 16000.
 */
class NotsentLowatTest {
    private static final int LOCAL = 0xc0a80001;
    private static final int PEER = 0xc0000201;
    private static final long MS = 1_000_000L;

    private final List<Long> wakes = new ArrayList<>();
    private TcpHostTest.ListHost host;

    private TcpStack stack;
    private int peerIsn = 5000;
    private int iss;

    private TcpSocket established(SocketOptions o, Sysctls sysctls) {
        host = new TcpHostTest.ListHost(sysctls);
        stack = new TcpStack(host);
        TcpSocket s = stack.connect(PEER, 8080, o, new SocketCallbacks() {
            @Override public void writable(TcpSocket t, long now) { wakes.add(now); }
        });
        TcpSegment syn = host.sent.get(0);
        iss = syn.seq;
        TcpSegment synAck = fromPeer(syn, TcpSegment.SYN | TcpSegment.ACK, iss + 1);
        synAck.mssOption = 1000;
        synAck.windowScaleOption = 7;
        synAck.window = 32792;
        stack.deliver(synAck, 0);
        TcpSegment ack = fromPeer(syn, TcpSegment.ACK, iss + 1);
        ack.seq = peerIsn + 1;
        ack.window = 257;
        stack.deliver(ack, MS); // a first scaled window: 257 << 7 = 32896
        host.sent.clear();
        return s;
    }

    private TcpSegment fromPeer(TcpSegment syn, int flags, int ack) {
        TcpSegment s = new TcpSegment();
        s.src = PEER;
        s.dst = LOCAL;
        s.srcPort = syn.dstPort;
        s.dstPort = syn.srcPort;
        s.flags = flags;
        s.seq = peerIsn;
        s.ack = ack;
        s.window = 257;
        return s;
    }

    private void ack(TcpSocket s, int bytes, long now) {
        TcpSegment a = new TcpSegment();
        a.src = PEER;
        a.dst = LOCAL;
        a.srcPort = 8080;
        a.dstPort = s.localPort();
        a.flags = TcpSegment.ACK;
        a.seq = peerIsn + 1;
        a.ack = iss + 1 + bytes;
        a.window = 257;
        host.sim.run(now);
        stack.deliver(a, now);
        host.sim.run(now + 10 * MS); // and what pacing holds back
    }

    @Test
    void without_a_limit_a_write_takes_what_the_buffer_holds() {
        TcpSocket s = established(SocketOptions.DEFAULTS, Sysctls.defaults(KernelVersion.V6_18));
        assertEquals(40000, s.write(40000, 2 * MS));
    }

    @Test
    void the_option_stops_a_write_at_its_first_new_skb_and_wakes_it_when_little_is_unsent() {
        TcpSocket s = established(SocketOptions.DEFAULTS.withNotsentLowat(3000),
                Sysctls.defaults(KernelVersion.V6_18));
        // skb 1:16001 fills; tcp_push_one sends 10 segments; the tail takes 10000 more; a new skb is refused
        assertEquals(26000, s.write(40000, 2 * MS));
        assertFalse(s.pollWritable(), "16000 unsent, doubled, is not below 3000");
        ack(s, 5000, 20 * MS); // more goes, not all
        assertEquals(List.of(), wakes, "not below 3000 when doubled: no wake-up");
        long t = 40 * MS;
        while (wakes.isEmpty() && t < 400 * MS) {
            assertTrue(s.snd.writeSeq - s.snd.sndNxt << 1 >= 3000, "not woken while 1500 or more are unsent");
            ack(s, s.snd.sndNxt - iss - 1, t); // everything sent so far: more goes
            t += 20 * MS;
        }
        assertEquals(1, wakes.size(), "woken once fewer than 1500 bytes are unsent");
        assertTrue(s.snd.writeSeq - s.snd.sndNxt < 1500);
        assertTrue(s.pollWritable());
        assertEquals(3000, SocketOptionCalls.get(s, "TCP_NOTSENT_LOWAT"));
    }

    @Test
    void the_sysctl_applies_to_sockets_without_the_option_and_getsockopt_shows_the_option_alone() throws Exception {
        TcpSocket s = established(SocketOptions.DEFAULTS,
                Sysctls.defaults(KernelVersion.V6_18).with("net.ipv4.tcp_notsent_lowat", "4000"));
        assertEquals(26000, s.write(59000, 2 * MS));
        assertEquals(0, SocketOptionCalls.get(s, "TCP_NOTSENT_LOWAT"));
        // raising the option on the open connection: do_tcp_setsockopt calls sk_write_space
        assertNull(SocketOptionCalls.set(s, "TCP_NOTSENT_LOWAT", 40000, 3 * MS));
        assertEquals(List.of(3 * MS), wakes);
        assertTrue(s.pollWritable());
    }
}
