package org.tcpsim.net;

/**
 * The Internet checksum (RFC 1071): the one's-complement of the one's-complement sum of
 * 16-bit big-endian words. Sums are kept unfolded in a {@code long} so parts (pseudo-header,
 * header, payload) can be added in any order and folded once at the end.
 */
public final class InetChecksum {
    private InetChecksum() {
    }

    /** Adds {@code len} bytes of {@code buf} from {@code off} to {@code sum}; an odd last byte is padded with zero. */
    public static long add(long sum, byte[] buf, int off, int len) {
        int end = off + len;
        int i = off;
        for (; i + 1 < end; i += 2) {
            sum += ((buf[i] & 0xff) << 8) | (buf[i + 1] & 0xff);
        }
        if (i < end) {
            sum += (buf[i] & 0xff) << 8;
        }
        return sum;
    }

    /** Adds a 32-bit value as two 16-bit words (an IPv4 address, a sequence number). */
    public static long add32(long sum, int value) {
        return sum + (value >>> 16) + (value & 0xffff);
    }

    /** The IPv4 pseudo-header of TCP and UDP: source, destination, zero, protocol, transport length. */
    public static long pseudoHeader(int src, int dst, int protocol, int transportLength) {
        return add32(add32(0, src), dst) + (protocol & 0xff) + (transportLength & 0xffff);
    }

    /** Folds the carries into 16 bits. */
    public static int fold(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) sum;
    }

    /** The checksum field value: the complement of the folded sum. */
    public static int finish(long sum) {
        return ~fold(sum) & 0xffff;
    }
}
