package org.tcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The write queue keeps each skb's end (32 bits) and its PSH / EOR flags in one long. Ends across the
 * sign bit and across 2^32, flags set and cleared on the tail, the ring wrapping and growing from the
 * shared empty ring (8, 16, 32, 64 skbs): a flag that bled into the end, an end that lost its high bit,
 * or a write into the shared ring fails here.
 */
class WriteQueueTest {
    @AfterEach
    void the_shared_empty_ring_was_never_written() {
        for (long w : WriteQueue.NO_SKBS) {
            assertEquals(0L, w, "a queue wrote into the shared empty ring");
        }
    }

    @ParameterizedTest(name = "first sequence {0}")
    @ValueSource(ints = {0x7FFF_F000, 0xFFFF_F000, 0})
    void ends_and_flags_survive_wrapping_growing_and_sending(int first) {
        WriteQueue q = new WriteQueue();
        assertTrue(q.isEmpty());
        assertFalse(q.tailEor(), "an empty queue reads no flags");
        assertEquals(first, q.tailStart(first));
        int sndNxt = first;
        int writeSeq = first;
        int skb = 0;
        while (skb < 60) {
            // two skbs written, one sent: the head moves round the ring as it grows
            for (int j = 0; j < 2; j++, skb++) {
                q.newSkb(writeSeq);
                int len = 1000 + 7 * skb;
                q.extendTail(len - 1);
                q.extendTail(1);
                writeSeq += len;
                q.setTailFlag(WriteQueue.PSH, skb % 2 == 0);
                q.setTailFlag(WriteQueue.EOR, skb % 3 == 0);
                q.setTailFlag(WriteQueue.EOR, skb % 3 == 0 && skb % 6 != 0); // cleared again on every sixth
                assertEquals(writeSeq, q.tailEnd());
                assertEquals(skb % 3 == 0 && skb % 6 != 0, q.tailEor(), "EOR of skb " + skb);
                assertEquals(skb % 2 == 0, q.pshAt(writeSeq), "PSH of skb " + skb);
            }
            int headEnd = q.headEnd();
            int headSkb = skb - q.size();
            assertEquals(headSkb % 2 == 0, q.headPsh());
            assertEquals(headSkb % 3 == 0 && headSkb % 6 != 0, q.headEor());
            // half the head skb sent: it stays, cut; then the rest
            int half = sndNxt + (headEnd - sndNxt) / 2;
            q.sent(half);
            assertTrue(q.headCut());
            assertEquals(headEnd, q.headEnd());
            sndNxt = headEnd;
            q.sent(sndNxt);
            assertFalse(q.headCut());
        }
        assertEquals(30, q.size());
        assertEquals(writeSeq, q.tailEnd());
        q.sent(writeSeq);
        assertTrue(q.isEmpty());
    }
}
