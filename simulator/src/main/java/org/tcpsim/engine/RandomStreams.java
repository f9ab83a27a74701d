package org.tcpsim.engine;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Named random streams derived from the run seed. Each component (a link direction, a host,
 * a workload) draws from its own stream, named after it, so adding a workload never shifts
 * another link's losses, and the same (seed, name) gives the same numbers on any machine.
 */
public final class RandomStreams {
    private final long seed;

    public RandomStreams(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    public SplittableRandom stream(String name) {
        return new SplittableRandom(mix(seed ^ mix(fnv1a64(name))));
    }

    /** A 64-bit value derived from (seed, name), e.g. a host's secret key for ISNs. */
    public long derive(String name) {
        return stream(name).nextLong();
    }

    /** FNV-1a over UTF-8: a stable hash, unlike String.hashCode's 32 bits. */
    static long fnv1a64(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** SplitMix64 finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
