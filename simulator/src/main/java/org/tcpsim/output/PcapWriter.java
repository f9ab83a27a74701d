package org.tcpsim.output;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.tcpsim.net.Datagram;
import org.tcpsim.net.InetChecksum;
import org.tcpsim.net.Packet;
import org.tcpsim.tcp.TcpSegment;
import org.tcpsim.tcp.TcpWireFormat;

/**
 * Streaming writer of classic libpcap files that Wireshark and tshark open: nanosecond
 * timestamps (magic {@code 0xa1b23c4d}), version 2.4, snaplen 65535, LINKTYPE_ETHERNET, all
 * fields little-endian so the file is the same on every machine.
 *
 * <p>Each record is an Ethernet II frame carrying the packet as IPv4: a 20-byte header
 * (TOS and DF as the packet carries them, TTL from the packet, total length {@code p.length}, correct header checksum), then
 * the TCP header with options from {@link TcpWireFormat} or the UDP header of a
 * {@link Datagram}, each with a correct checksum, then zero payload bytes up to
 * {@code p.length}, so the captured length is the wire length. Other protocols get the IPv4
 * header and zeros. Payload bytes are zeros because the simulator carries none.
 *
 * <p>The IP ID counts up per (source, destination) address pair from 0 in the order packets are
 * written, so the same packets in the same order give a byte-identical file. Records go
 * straight to a buffered stream; no packet is held. Not thread-safe.
 */
public final class PcapWriter implements Closeable {
    public static final int MAGIC_NANOS = 0xa1b23c4d;
    public static final int SNAPLEN = 65535;
    public static final int LINKTYPE_ETHERNET = 1;
    public static final int GLOBAL_HEADER_BYTES = 24;
    public static final int RECORD_HEADER_BYTES = 16;
    public static final int ETHERNET_HEADER_BYTES = 14;
    public static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int IP_DF = 0x4000;
    private static final int UDP_HEADER_BYTES = 8;
    private static final byte[] ZEROS = new byte[8192];

    private final OutputStream out;
    /** Record header + Ethernet + IPv4 + the largest transport header. */
    private final byte[] buf = new byte[RECORD_HEADER_BYTES + ETHERNET_HEADER_BYTES
            + Packet.IPV4_HEADER_BYTES + TcpWireFormat.MAX_HEADER_BYTES];
    /** Next IP ID per (source, destination) pair. */
    private final Map<Long, int[]> ipIds = new HashMap<>();
    private boolean closed;

    /** Creates (or truncates) {@code file} and writes the global header. */
    public PcapWriter(Path file) throws IOException {
        this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        try {
            out.write(globalHeader());
        } catch (IOException e) {
            out.close();
            throw e;
        }
    }

    /** The 24-byte global header this writer puts at the start of every file. */
    public static byte[] globalHeader() {
        byte[] h = new byte[GLOBAL_HEADER_BYTES];
        le32(h, 0, MAGIC_NANOS);
        le16(h, 4, 2); // version major
        le16(h, 6, 4); // version minor
        le32(h, 8, 0); // thiszone: timestamps are UTC
        le32(h, 12, 0); // sigfigs
        le32(h, 16, SNAPLEN);
        le32(h, 20, LINKTYPE_ETHERNET);
        return h;
    }

    /** A stable locally-administered unicast MAC for an IPv4 address: 02:00:a:b:c:d. */
    public static byte[] macFor(int ipv4) {
        return new byte[] {2, 0, (byte) (ipv4 >>> 24), (byte) (ipv4 >>> 16), (byte) (ipv4 >>> 8), (byte) ipv4};
    }

    /** Writes {@code p} with MACs derived from its IP source and destination ({@link #macFor}). */
    public void write(long timeNs, Packet p) {
        write(timeNs, p, macFor(p.src), macFor(p.dst));
    }

    /**
     * Writes one record: {@code p} as seen on the wire at simulated time {@code timeNs} (since
     * the epoch of the capture, 0 = 1970-01-01T00:00:00Z), in a frame from {@code srcMac} to
     * {@code dstMac}.
     *
     * @throws IllegalArgumentException for a negative time, MACs that are not 6 bytes, or a
     *     packet whose length disagrees with its headers (a TCP segment must be sealed)
     * @throws UncheckedIOException when the file cannot be written
     */
    public void write(long timeNs, Packet p, byte[] srcMac, byte[] dstMac) {
        if (closed) {
            throw new IllegalStateException("pcap writer is closed");
        }
        if (timeNs < 0) {
            throw new IllegalArgumentException("negative capture time " + timeNs + " ns");
        }
        if (srcMac.length != 6 || dstMac.length != 6) {
            throw new IllegalArgumentException("MAC addresses must be 6 bytes");
        }
        if (p.length < Packet.IPV4_HEADER_BYTES || p.length > 0xffff) {
            throw new IllegalArgumentException("IPv4 total length " + p.length + " is outside 20..65535");
        }
        int frame = ETHERNET_HEADER_BYTES + p.length;
        int caplen = Math.min(frame, SNAPLEN);
        le32(buf, 0, (int) (timeNs / 1_000_000_000L));
        le32(buf, 4, (int) (timeNs % 1_000_000_000L));
        le32(buf, 8, caplen);
        le32(buf, 12, frame);
        int eth = RECORD_HEADER_BYTES;
        System.arraycopy(dstMac, 0, buf, eth, 6);
        System.arraycopy(srcMac, 0, buf, eth + 6, 6);
        be16(buf, eth + 12, ETHERTYPE_IPV4);
        int ip = eth + ETHERNET_HEADER_BYTES;
        int l4 = ip + Packet.IPV4_HEADER_BYTES;
        int l4Length = p.length - Packet.IPV4_HEADER_BYTES;
        int l4Header = transportHeader(p, l4, l4Length);
        writeIpv4Header(p, ip);
        int headerBytes = Math.min(l4 + l4Header, RECORD_HEADER_BYTES + caplen);
        try {
            out.write(buf, 0, headerBytes);
            int zeros = RECORD_HEADER_BYTES + caplen - headerBytes;
            while (zeros > 0) {
                int n = Math.min(zeros, ZEROS.length);
                out.write(ZEROS, 0, n);
                zeros -= n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the transport header at {@code buf[at]}; returns its length (0 when unknown). */
    private int transportHeader(Packet p, int at, int l4Length) {
        if (p instanceof TcpSegment s) {
            int hl = s.headerLength();
            if (hl + s.dataLength != l4Length) {
                throw new IllegalArgumentException("TCP segment length " + p.length + " is not 20 + header "
                        + hl + " + data " + s.dataLength + " (call sealLength()): " + s);
            }
            return TcpWireFormat.encode(s, buf, at);
        }
        if (p instanceof Datagram d) {
            if (l4Length < UDP_HEADER_BYTES) {
                throw new IllegalArgumentException("UDP datagram length " + p.length + " has no room for its header");
            }
            be16(buf, at, d.srcPort);
            be16(buf, at + 2, d.dstPort);
            be16(buf, at + 4, l4Length);
            be16(buf, at + 6, 0);
            long sum = InetChecksum.pseudoHeader(p.src, p.dst, Packet.PROTO_UDP, l4Length);
            int c = InetChecksum.finish(InetChecksum.add(sum, buf, at, UDP_HEADER_BYTES));
            be16(buf, at + 6, c == 0 ? 0xffff : c); // RFC 768: a computed 0 is sent as all ones
            return UDP_HEADER_BYTES;
        }
        return 0;
    }

    private void writeIpv4Header(Packet p, int at) {
        buf[at] = 0x45; // version 4, IHL 5
        buf[at + 1] = (byte) p.tos; // DSCP/ECN
        be16(buf, at + 2, p.length);
        be16(buf, at + 4, nextIpId(p));
        be16(buf, at + 6, p.dontFragment ? IP_DF : 0); // no fragment offset: the model never fragments
        buf[at + 8] = (byte) p.ttl;
        buf[at + 9] = (byte) p.protocol;
        be16(buf, at + 10, 0);
        be32(buf, at + 12, p.src);
        be32(buf, at + 16, p.dst);
        be16(buf, at + 10, InetChecksum.finish(InetChecksum.add(0, buf, at, Packet.IPV4_HEADER_BYTES)));
    }

    private int nextIpId(Packet p) {
        long key = ((long) p.src << 32) | (p.dst & 0xffffffffL);
        int[] counter = ipIds.computeIfAbsent(key, k -> new int[1]);
        return counter[0]++ & 0xffff;
    }

    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            out.close();
        }
    }

    private static void le16(byte[] b, int p, int v) {
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >>> 8);
    }

    private static void le32(byte[] b, int p, int v) {
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >>> 8);
        b[p + 2] = (byte) (v >>> 16);
        b[p + 3] = (byte) (v >>> 24);
    }

    private static void be16(byte[] b, int p, int v) {
        b[p] = (byte) (v >>> 8);
        b[p + 1] = (byte) v;
    }

    private static void be32(byte[] b, int p, int v) {
        b[p] = (byte) (v >>> 24);
        b[p + 1] = (byte) (v >>> 16);
        b[p + 2] = (byte) (v >>> 8);
        b[p + 3] = (byte) v;
    }
}
