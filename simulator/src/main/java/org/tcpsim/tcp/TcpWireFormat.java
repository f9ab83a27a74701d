package org.tcpsim.tcp;

import org.tcpsim.net.InetChecksum;
import org.tcpsim.net.Packet;

/**
 * The TCP header of a {@link TcpSegment} as bytes on the wire, for pcap output.
 *
 * <p>Options are laid out exactly as Linux's {@code tcp_options_write} (net/ipv4/tcp_output.c)
 * does, so the header is {@link TcpSegment#headerLength()} bytes long:
 * <pre>
 *   MSS                      02 04 mm mm
 *   SACK_PERM + TIMESTAMP    04 02 08 0a vvvvvvvv eeeeeeee   (timestamps and SACK-permitted)
 *   TIMESTAMP                01 01 08 0a vvvvvvvv eeeeeeee   (timestamps alone)
 *   SACK_PERM                01 01 04 02                     (SACK-permitted alone)
 *   WSCALE                   01 03 03 ss
 *   SACK                     01 01 05 ll (ssssssss eeeeeeee)*
 * </pre>
 * The checksum covers the IPv4 pseudo-header, the header and {@code dataLength} payload bytes,
 * which are zeros (the simulator carries no payload) and so add nothing to the sum.
 */
public final class TcpWireFormat {
    public static final int OPT_EOL = 0;
    public static final int OPT_NOP = 1;
    public static final int OPT_MSS = 2;
    public static final int OPT_WSCALE = 3;
    public static final int OPT_SACK_PERM = 4;
    public static final int OPT_SACK = 5;
    public static final int OPT_TIMESTAMP = 8;
    /** Largest TCP header: data offset 15 words. */
    public static final int MAX_HEADER_BYTES = 60;

    private TcpWireFormat() {
    }

    /**
     * Writes the TCP header of {@code s} (with options and checksum) at {@code buf[offset]} and
     * returns its length, {@code s.headerLength()}. The checksum uses {@code s.src}, {@code s.dst}
     * and a TCP length of {@code headerLength() + dataLength}. Payload bytes are not written.
     *
     * @throws IllegalArgumentException when a field does not fit its wire width, the options
     *     exceed 40 bytes, or {@code buf} has no room
     */
    public static int encode(TcpSegment s, byte[] buf, int offset) {
        int hl = s.headerLength();
        validate(s, hl);
        if (offset < 0 || buf.length - offset < hl) {
            throw new IllegalArgumentException("no room for a " + hl + "-byte TCP header at " + offset
                    + " in a " + buf.length + "-byte buffer");
        }
        put16(buf, offset, s.srcPort);
        put16(buf, offset + 2, s.dstPort);
        put32(buf, offset + 4, s.seq);
        put32(buf, offset + 8, s.ack);
        buf[offset + 12] = (byte) (((hl >>> 2) << 4) | ((s.flags >>> 8) & 1));
        buf[offset + 13] = (byte) s.flags;
        put16(buf, offset + 14, s.window);
        put16(buf, offset + 16, 0); // checksum, filled in below
        put16(buf, offset + 18, s.urgPtr); // urgent pointer
        int p = offset + TcpSegment.HEADER_BYTES;
        if (s.mssOption > 0) {
            p = put4(buf, p, OPT_MSS, 4, s.mssOption >>> 8, s.mssOption);
        }
        if (s.hasTimestamps) {
            if (s.sackPermitted) {
                p = put4(buf, p, OPT_SACK_PERM, 2, OPT_TIMESTAMP, 10);
            } else {
                p = put4(buf, p, OPT_NOP, OPT_NOP, OPT_TIMESTAMP, 10);
            }
            put32(buf, p, s.tsVal);
            put32(buf, p + 4, s.tsEcr);
            p += 8;
        } else if (s.sackPermitted) {
            p = put4(buf, p, OPT_NOP, OPT_NOP, OPT_SACK_PERM, 2);
        }
        if (s.windowScaleOption >= 0) {
            p = put4(buf, p, OPT_NOP, OPT_WSCALE, 3, s.windowScaleOption);
        }
        int[] blocks = s.sackBlocks;
        if (blocks != null && blocks.length > 0) {
            p = put4(buf, p, OPT_NOP, OPT_NOP, OPT_SACK, 2 + 4 * blocks.length);
            for (int b : blocks) {
                put32(buf, p, b);
                p += 4;
            }
        }
        if (p - offset != hl) {
            throw new IllegalStateException("TCP option layout wrote " + (p - offset)
                    + " bytes but headerLength() is " + hl);
        }
        long sum = InetChecksum.pseudoHeader(s.src, s.dst, Packet.PROTO_TCP, hl + s.dataLength);
        sum = InetChecksum.add(sum, buf, offset, hl); // zero payload bytes add nothing
        put16(buf, offset + 16, InetChecksum.finish(sum));
        return hl;
    }

    private static void validate(TcpSegment s, int hl) {
        checkRange("source port", s.srcPort, 0, 0xffff);
        checkRange("destination port", s.dstPort, 0, 0xffff);
        checkRange("window", s.window, 0, 0xffff);
        checkRange("urgent pointer", s.urgPtr, 0, 0xffff);
        checkRange("flags", s.flags, 0, 0x1ff);
        checkRange("MSS option", s.mssOption, 0, 0xffff);
        checkRange("window scale option", s.windowScaleOption, -1, 0xff);
        checkRange("data length", s.dataLength, 0, 0xffff - Packet.IPV4_HEADER_BYTES - hl);
        if (s.sackBlocks != null && (s.sackBlocks.length & 1) != 0) {
            throw new IllegalArgumentException("SACK blocks need start/end pairs, got "
                    + s.sackBlocks.length + " values");
        }
        if (hl > MAX_HEADER_BYTES) {
            throw new IllegalArgumentException("TCP options take " + (hl - TcpSegment.HEADER_BYTES)
                    + " bytes, more than the 40 a header can carry: " + s);
        }
    }

    private static void checkRange(String what, int v, int lo, int hi) {
        if (v < lo || v > hi) {
            throw new IllegalArgumentException("TCP " + what + " " + v + " is outside " + lo + ".." + hi);
        }
    }

    /**
     * Parses a TCP header at {@code buf[offset]}. {@code segmentLength} is the TCP length on the
     * wire (header plus payload: IP total length minus the IP header); only the header need be
     * in {@code buf}. Options may come in any order; unknown ones are skipped. The checksum is
     * not verified. The result has {@code src}, {@code dst}, {@code protocol},
     * {@code dataLength} and {@code length} (IP total length) set.
     *
     * @throws IllegalArgumentException for a truncated or malformed header or option
     */
    public static TcpSegment decode(byte[] buf, int offset, int segmentLength, int src, int dst) {
        if (segmentLength < TcpSegment.HEADER_BYTES || offset < 0
                || buf.length - offset < TcpSegment.HEADER_BYTES) {
            throw new IllegalArgumentException("truncated TCP header: " + segmentLength + " bytes");
        }
        TcpSegment s = new TcpSegment();
        s.src = src;
        s.dst = dst;
        s.protocol = Packet.PROTO_TCP;
        s.srcPort = get16(buf, offset);
        s.dstPort = get16(buf, offset + 2);
        s.seq = get32(buf, offset + 4);
        s.ack = get32(buf, offset + 8);
        int hl = ((buf[offset + 12] & 0xf0) >>> 4) * 4;
        s.flags = ((buf[offset + 12] & 1) << 8) | (buf[offset + 13] & 0xff);
        s.window = get16(buf, offset + 14);
        s.urgPtr = get16(buf, offset + 18);
        if (hl < TcpSegment.HEADER_BYTES || hl > segmentLength || buf.length - offset < hl) {
            throw new IllegalArgumentException("bad TCP data offset: header " + hl + " bytes, segment "
                    + segmentLength + ", buffer " + (buf.length - offset));
        }
        s.dataLength = segmentLength - hl;
        s.length = Packet.IPV4_HEADER_BYTES + segmentLength;
        int p = offset + TcpSegment.HEADER_BYTES;
        int end = offset + hl;
        while (p < end) {
            int kind = buf[p] & 0xff;
            if (kind == OPT_EOL) {
                break;
            }
            if (kind == OPT_NOP) {
                p++;
                continue;
            }
            if (p + 1 >= end) {
                throw new IllegalArgumentException("TCP option " + kind + " has no length byte");
            }
            int len = buf[p + 1] & 0xff;
            if (len < 2 || p + len > end) {
                throw new IllegalArgumentException("TCP option " + kind + " has bad length " + len);
            }
            switch (kind) {
                case OPT_MSS -> {
                    expectLength(kind, len, len == 4);
                    s.mssOption = get16(buf, p + 2);
                }
                case OPT_WSCALE -> {
                    expectLength(kind, len, len == 3);
                    s.windowScaleOption = buf[p + 2] & 0xff;
                }
                case OPT_SACK_PERM -> {
                    expectLength(kind, len, len == 2);
                    s.sackPermitted = true;
                }
                case OPT_TIMESTAMP -> {
                    expectLength(kind, len, len == 10);
                    s.hasTimestamps = true;
                    s.tsVal = get32(buf, p + 2);
                    s.tsEcr = get32(buf, p + 6);
                }
                case OPT_SACK -> {
                    expectLength(kind, len, len > 2 && (len - 2) % 8 == 0);
                    int[] blocks = new int[(len - 2) / 4];
                    for (int i = 0; i < blocks.length; i++) {
                        blocks[i] = get32(buf, p + 2 + 4 * i);
                    }
                    s.sackBlocks = blocks;
                }
                default -> {
                    // unknown option: skip
                }
            }
            p += len;
        }
        return s;
    }

    private static void expectLength(int kind, int len, boolean ok) {
        if (!ok) {
            throw new IllegalArgumentException("TCP option " + kind + " has bad length " + len);
        }
    }

    private static int put4(byte[] b, int p, int a, int c, int d, int e) {
        b[p] = (byte) a;
        b[p + 1] = (byte) c;
        b[p + 2] = (byte) d;
        b[p + 3] = (byte) e;
        return p + 4;
    }

    static void put16(byte[] b, int p, int v) {
        b[p] = (byte) (v >>> 8);
        b[p + 1] = (byte) v;
    }

    static void put32(byte[] b, int p, int v) {
        b[p] = (byte) (v >>> 24);
        b[p + 1] = (byte) (v >>> 16);
        b[p + 2] = (byte) (v >>> 8);
        b[p + 3] = (byte) v;
    }

    static int get16(byte[] b, int p) {
        return ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
    }

    static int get32(byte[] b, int p) {
        return ((b[p] & 0xff) << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
    }
}
