package org.tcpsim.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.tcpsim.kernel.KernelVersion.V4_9;
import static org.tcpsim.kernel.KernelVersion.V6_18;

import org.junit.jupiter.api.Test;

/** Memory-derived defaults, worked out by hand from the kernel formulas for a few RAM sizes. */
class HostMemoryTest {
    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;

    @Test
    void defaultHostHas16GiB() {
        assertEquals(16 * GIB, HostMemory.standard().bytes());
        assertEquals(HostMemory.standard(), HostMemory.of(16 * GIB));
        // 31/32 of 4194304 pages are modelled as usable
        assertEquals(4063232, HostMemory.standard().usablePages());
    }

    @Test
    void sixteenGiB() {
        HostMemory m = HostMemory.of(16 * GIB);
        assertEquals(131072, m.ehashEntries());              // 4063232 pages >> 5 = 126976 -> 2^17
        assertEquals(1024, m.tcpMaxSynBacklog(V6_18));        // ehash/128
        assertEquals(512, m.tcpMaxSynBacklog(V4_9));          // ehash/256
        assertEquals(65536, m.tcpMaxTwBuckets());
        assertEquals(65536, m.tcpMaxOrphans());
        assertArrayEquals(new long[] {190464, 253952, 380928}, m.tcpMem(V6_18));  // L = 4063232/16
        assertArrayEquals(new long[] {380928, 507904, 761856}, m.tcpMem(V4_9));   // L = 4063232/8
        assertArrayEquals(new long[] {4096, 131072, 32 * MIB}, m.tcpRmem(V6_18));
        assertArrayEquals(new long[] {4096, 87380, 6 * MIB}, m.tcpRmem(V4_9));
        assertArrayEquals(new long[] {4096, 16384, 4 * MIB}, m.tcpWmem(V6_18));
        assertEquals(1625292, m.fileMax());                   // 4063232 pages * 4 KiB / 10
        assertEquals(262144, m.nfConntrackMax(V6_18));        // > 4 GiB, factor 1
        assertEquals(262144, m.nfConntrackMax(V4_9));         // 65536 buckets, factor 4
    }

    @Test
    void oneGiB() {
        HostMemory m = HostMemory.of(GIB);
        assertEquals(253952, m.usablePages());
        assertEquals(8192, m.ehashEntries());                 // 253952 >> 5 = 7936 -> 8192
        assertEquals(128, m.tcpMaxSynBacklog(V6_18));         // max(128, 64)
        assertEquals(4096, m.tcpMaxTwBuckets());
        assertArrayEquals(new long[] {11904, 15872, 23808}, m.tcpMem(V6_18));
        assertArrayEquals(new long[] {4096, 131072, 8126464}, m.tcpRmem(V6_18)); // free/128 < 32 MiB
        assertArrayEquals(new long[] {4096, 87380, 6 * MIB}, m.tcpRmem(V4_9));
        assertArrayEquals(new long[] {4096, 16384, 4 * MIB}, m.tcpWmem(V4_9));
        assertEquals(101580, m.fileMax());
        assertEquals(8192, m.nfConntrackBuckets(V6_18));      // 7936 rounded up to 512s
        assertEquals(8192, m.nfConntrackMax(V6_18));
        assertEquals(32768, m.nfConntrackMax(V4_9));
    }

    @Test
    void sixtyFourGiBHitsTheEhashCap() {
        HostMemory m = HostMemory.of(64 * GIB);
        assertEquals(524288, m.ehashEntries());
        assertEquals(4096, m.tcpMaxSynBacklog(V6_18));
        assertEquals(2048, m.tcpMaxSynBacklog(V4_9));
        assertEquals(262144, m.tcpMaxTwBuckets());
        assertArrayEquals(new long[] {761856, 1015808, 1523712}, m.tcpMem(V6_18));
    }

    @Test
    void smallHosts() {
        HostMemory m = HostMemory.of(256 * MIB);
        assertEquals(2048, m.ehashEntries());
        assertEquals(128, m.tcpMaxSynBacklog(V6_18));
        assertArrayEquals(new long[] {2976, 3968, 5952}, m.tcpMem(V6_18));
        assertArrayEquals(new long[] {4096, 131072, 2031616}, m.tcpRmem(V6_18));
        assertArrayEquals(new long[] {4096, 16384, 2031616}, m.tcpWmem(V6_18));
        assertEquals(25395, m.fileMax());
        assertEquals(2048, m.nfConntrackMax(V6_18));
        assertEquals(8192, m.nfConntrackMax(V4_9));

        HostMemory tiny = HostMemory.of(16 * MIB);
        assertEquals(512, tiny.ehashEntries());               // at least one page of buckets
        assertEquals(256, tiny.tcpMaxTwBuckets());
        assertArrayEquals(new long[] {186, 248, 372}, tiny.tcpMem(V6_18));
        assertEquals(HostMemory.NR_FILE, tiny.fileMax());     // floor 8192
        assertEquals(1024, tiny.nfConntrackMax(V6_18));       // floor 1024
        assertEquals(2048, tiny.nfConntrackMax(V4_9));        // 124 -> 512 buckets x 4
    }

    @Test
    void rejectsLessThanAPage() {
        assertThrows(IllegalArgumentException.class, () -> HostMemory.of(100));
    }
}
