package org.tcpsim.net;

/** A UDP datagram carrying a probe sequence number and its send time, for testing links. */
public final class Datagram extends Packet {
    public static final int UDP_HEADER_BYTES = 8;
    public static final int MIN_LENGTH = IPV4_HEADER_BYTES + UDP_HEADER_BYTES;

    public int srcPort;
    public int dstPort;
    public long seq;
    public long sentAtNs;

    public Datagram(int src, int srcPort, int dst, int dstPort, int length, long seq, long sentAtNs) {
        if (length < MIN_LENGTH) {
            throw new IllegalArgumentException("datagram length " + length + " < " + MIN_LENGTH);
        }
        this.src = src;
        this.srcPort = srcPort;
        this.dst = dst;
        this.dstPort = dstPort;
        this.length = length;
        this.protocol = PROTO_UDP;
        this.seq = seq;
        this.sentAtNs = sentAtNs;
    }

    @Override
    public int sourcePort() {
        return srcPort;
    }

    @Override
    public int destinationPort() {
        return dstPort;
    }

    @Override
    public void setSourcePort(int port) {
        srcPort = port;
    }

    @Override
    public void setDestinationPort(int port) {
        dstPort = port;
    }

    @Override
    public int payloadLength() {
        return length - MIN_LENGTH;
    }
}
