package org.tcpsim.kernel;

/**
 * Host RAM and the boot-time sysctl defaults Linux derives from it.
 *
 * <p>Model assumptions (documented, not kernel facts):
 * <ul>
 *   <li>A host that does not state its memory has {@value #DEFAULT_GIB} GiB.</li>
 *   <li>Pages are 4 KiB (x86-64).</li>
 *   <li>The kernel's page counts used at boot ({@code totalram_pages}, {@code nr_kernel_pages},
 *       {@code nr_free_buffer_pages}) are all modelled as {@link #usablePages()} = 31/32 of
 *       RAM: about 3% goes to the memmap (64 bytes per page), the kernel image, firmware
 *       holes and zone watermarks. Boot-time allocations are otherwise ignored.</li>
 * </ul>
 * The rules themselves follow the kernel source named on each method.
 */
public final class HostMemory {
    /** RAM of a host whose experiment does not say: 16 GiB. */
    public static final long DEFAULT_GIB = 16;
    public static final long DEFAULT_BYTES = DEFAULT_GIB << 30;
    public static final long PAGE_SIZE = 4096;
    /** NR_FILE, the floor of fs.file-max (include/linux/fs.h). */
    public static final long NR_FILE = 8192;
    /** Cap on TCP ehash entries when thash_entries is not given (tcp.c: tcp_init). */
    public static final long EHASH_MAX = 512 * 1024;

    private static final HostMemory STANDARD = new HostMemory(DEFAULT_BYTES);

    private final long bytes;

    private HostMemory(long bytes) {
        this.bytes = bytes;
    }

    /** A host with {@code bytes} of RAM (at least one page). */
    public static HostMemory of(long bytes) {
        if (bytes < PAGE_SIZE) {
            throw new IllegalArgumentException("host memory must be at least one page, got " + bytes);
        }
        return bytes == DEFAULT_BYTES ? STANDARD : new HostMemory(bytes);
    }

    /** The default host: {@value #DEFAULT_GIB} GiB. */
    public static HostMemory standard() {
        return STANDARD;
    }

    public long bytes() {
        return bytes;
    }

    /** RAM in 4 KiB pages. */
    public long totalPages() {
        return bytes / PAGE_SIZE;
    }

    /** Pages the kernel manages and finds free at boot: 31/32 of RAM (model assumption). */
    public long usablePages() {
        return Math.max(1, totalPages() - totalPages() / 32);
    }

    /**
     * Entries of the TCP established hash (tcp.c: tcp_init -> alloc_large_system_hash with
     * scale 17, high limit 512Ki): usable pages rounded up to 1 MiB, one entry per 128 KiB,
     * at least one page of 8-byte buckets, rounded up to a power of two, capped at 512Ki.
     */
    public long ehashEntries() {
        long pages = roundUp(usablePages(), (1L << 20) / PAGE_SIZE);
        long n = pages >> (17 - 12);
        if (n * 8 < PAGE_SIZE) {
            n = PAGE_SIZE / 8;
        }
        return Math.min(roundUpPow2(n), EHASH_MAX);
    }

    /**
     * Default net.ipv4.tcp_max_syn_backlog: max(128, ehash/128) on 6.18
     * (tcp_ipv4.c: tcp_set_hashinfo), max(128, ehash/256) on 4.9 (tcp.c: tcp_init).
     */
    public long tcpMaxSynBacklog(KernelVersion k) {
        long div = k == KernelVersion.V4_9 ? 256 : 128;
        return Math.max(128, ehashEntries() / div);
    }

    /** Default net.ipv4.tcp_max_tw_buckets: ehash/2 (tcp_set_hashinfo; 4.9 tcp_init). */
    public long tcpMaxTwBuckets() {
        return ehashEntries() / 2;
    }

    /** Default net.ipv4.tcp_max_orphans: ehash/2 (tcp.c: tcp_init). */
    public long tcpMaxOrphans() {
        return ehashEntries() / 2;
    }

    /**
     * Default net.ipv4.tcp_mem in pages (tcp.c: tcp_init_mem): L = max(free/16, 128) on 6.18,
     * max(free/8, 128) on 4.9; values {L/4*3, L, 2*(L/4*3)}.
     */
    public long[] tcpMem(KernelVersion k) {
        long div = k == KernelVersion.V4_9 ? 8 : 16;
        long limit = Math.max(usablePages() / div, 128);
        long low = limit / 4 * 3;
        return new long[] {low, limit, low * 2};
    }

    /**
     * Default net.ipv4.tcp_rmem (tcp.c: tcp_init): {4096, 131072, max(131072, min(32 MiB, free/128))}
     * on 6.18; {4096, 87380, max(87380, min(6 MiB, free/128))} on 4.9.
     */
    public long[] tcpRmem(KernelVersion k) {
        boolean legacy = k == KernelVersion.V4_9;
        long def = legacy ? 87380 : 131072;
        long cap = legacy ? 6L << 20 : 32L << 20;
        return new long[] {PAGE_SIZE, def, Math.max(def, Math.min(cap, perSocketLimit()))};
    }

    /** Default net.ipv4.tcp_wmem (tcp.c: tcp_init): {4096, 16384, max(64 KiB, min(4 MiB, free/128))}. */
    public long[] tcpWmem(KernelVersion k) {
        return new long[] {PAGE_SIZE, 16384, Math.max(64L << 10, Math.min(4L << 20, perSocketLimit()))};
    }

    /**
     * Default fs.file-max (fs/file_table.c: files_maxfiles_init): 10% of memory in KiB
     * (one file ~ 1 KiB), at least NR_FILE = 8192. Boot-time reserve modelled as zero.
     */
    public long fileMax() {
        return Math.max(usablePages() * (PAGE_SIZE / 1024) / 10, NR_FILE);
    }

    /**
     * Conntrack hash buckets when no hashsize is given (nf_conntrack_core.c:
     * nf_conntrack_init_start): (RAM/16384)/8 buckets; 262144 above 4 GiB (64-bit) and 65536
     * above 1 GiB on 6.18, 65536 / 16384 on 4.9; floor 1024 (4.9: 32); rounded up to a
     * multiple of 512 (nf_ct_alloc_hashtable) before nf_conntrack_max is derived (that order is
     * read from 6.x source; on 4.9 it only matters below 1 GiB and is unconfirmed).
     */
    public long nfConntrackBuckets(KernelVersion k) {
        boolean legacy = k == KernelVersion.V4_9;
        long pages = usablePages();
        long size = pages * PAGE_SIZE / 16384 / 8;
        if (pages > 4L * (1L << 30) / PAGE_SIZE) {
            size = legacy ? 65536 : 262144;
        } else if (pages > (1L << 30) / PAGE_SIZE) {
            size = legacy ? 16384 : 65536;
        }
        size = Math.max(size, legacy ? 32 : 1024);
        return roundUp(size, PAGE_SIZE / 8);
    }

    /** Default net.netfilter.nf_conntrack_max: buckets x 1 on 6.18, x 4 on 4.9 (nf_conntrack_init_start). */
    public long nfConntrackMax(KernelVersion k) {
        return nfConntrackBuckets(k) * (k == KernelVersion.V4_9 ? 4 : 1);
    }

    /** nr_free_buffer_pages() << (PAGE_SHIFT - 7): 1/128 of free memory, in bytes. */
    private long perSocketLimit() {
        return usablePages() << (12 - 7);
    }

    static long roundUp(long n, long multiple) {
        return (n + multiple - 1) / multiple * multiple;
    }

    static long roundUpPow2(long n) {
        return n <= 1 ? 1 : Long.highestOneBit(n - 1) << 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HostMemory m && m.bytes == bytes;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(bytes);
    }

    @Override
    public String toString() {
        return bytes % (1L << 30) == 0 ? (bytes >> 30) + " GiB" : bytes + " bytes";
    }
}
