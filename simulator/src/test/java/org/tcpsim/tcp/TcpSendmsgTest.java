package org.tcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The skbs a write makes and where PSH goes (tcp_sendmsg_locked, tcp_push, forced_push, tcp_xmit_size_goal). */
class TcpSendmsgTest {
    @Test
    void write_queue_keeps_skb_ends_and_their_flags_and_drops_what_was_sent() {
        WriteQueue q = new WriteQueue();
        q.newSkb(1);
        q.extendTail(16000);
        q.newSkb(16001);
        q.extendTail(500);
        q.setTailFlag(WriteQueue.PSH, true);
        assertEquals(2, q.size());
        assertEquals(16001, q.tailStart(1));
        assertTrue(q.pshAt(16501));
        assertFalse(q.pshAt(16001));
        q.sent(2001); // part of the head went: it stays, shorter
        assertEquals(16001, q.headEnd());
        assertEquals(2001, q.tailStart(2001) - 14000);
        q.sent(16001);
        assertEquals(1, q.size());
        assertEquals(16001, q.tailStart(16001), "the tail is the head: it starts at snd_nxt");
        assertTrue(q.headPsh());
        for (int i = 0; i < 100; i++) { // the ring grows
            q.newSkb(16501 + i);
            q.extendTail(1);
        }
        assertEquals(101, q.size());
        assertEquals(16601, q.tailEnd());
    }
}
