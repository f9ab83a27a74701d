package org.tcpsim.tcp;

import org.tcpsim.net.Packet;

/**
 * A TCP segment: the header fields and options Linux puts on the wire, and the payload length
 * (payload bytes themselves are not carried; pcap writes zeros). Sequence numbers are 32-bit
 * and wrap: compare them only with {@link Seq}.
 */
public final class TcpSegment extends Packet {
    public static final int HEADER_BYTES = 20;

    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;
    /** URG: never set by the model's output; an inbound one is read by tcp_urg ({@link UrgentData}). */
    public static final int URG = 0x20;

    public int srcPort;
    public int dstPort;
    public int seq;
    public int ack;
    /** TCP flag bits as on the wire (FIN, SYN, RST, PSH, ACK). */
    public int flags;
    /** The 16-bit window field as sent (already shifted right by the sender's window scale). */
    public int window;
    /** Payload bytes. */
    public int dataLength;
    /** The 16-bit urgent pointer (meaningful with URG). */
    public int urgPtr;

    /** MSS option value; 0 when absent (only on SYN and SYN-ACK). */
    public int mssOption;
    /** Window scale option shift; -1 when absent (only on SYN and SYN-ACK). */
    public int windowScaleOption = -1;
    public boolean sackPermitted;
    public boolean hasTimestamps;
    public int tsVal;
    public int tsEcr;
    /** SACK blocks as [start0, end0, start1, end1, ...]; null when none. Never mutated after sending. */
    public int[] sackBlocks;
    /**
     * The free list of the stack that built this segment, which takes it back once a stack has
     * processed it ({@link SegmentPool}); null for a segment that is never reused.
     */
    SegmentPool pool;

    public TcpSegment() {
        this.protocol = PROTO_TCP;
    }

    /** Every field back to a new segment's value (the pool it belongs to stays). */
    void clear() {
        clearPacket();
        protocol = PROTO_TCP;
        srcPort = 0;
        dstPort = 0;
        seq = 0;
        ack = 0;
        flags = 0;
        window = 0;
        dataLength = 0;
        urgPtr = 0;
        mssOption = 0;
        windowScaleOption = -1;
        sackPermitted = false;
        hasTimestamps = false;
        tsVal = 0;
        tsEcr = 0;
        sackBlocks = null;
    }

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /**
     * TCP header length with options, padded to 4 bytes, as Linux lays them out
     * (tcp_options_write): MSS 4, SACK-permitted+timestamps 12 (NOP-padded when alone), window
     * scale 4 (NOP + 3), SACK 2 + 8 per block (with two NOPs).
     */
    public int headerLength() {
        int options = 0;
        if (mssOption > 0) {
            options += 4;
        }
        if (hasTimestamps) {
            options += 12; // NOP NOP TS or SACK_PERM TS
        } else if (sackPermitted) {
            options += 4; // NOP NOP SACK_PERM
        }
        if (windowScaleOption >= 0) {
            options += 4;
        }
        if (sackBlocks != null && sackBlocks.length > 0) {
            options += 4 + 8 * (sackBlocks.length / 2);
        }
        return HEADER_BYTES + options;
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
    public int transportFlags() {
        return flags;
    }

    @Override
    public int payloadLength() {
        return dataLength;
    }

    /** Sequence space the segment occupies: payload plus one each for SYN and FIN. */
    public int seqLength() {
        return dataLength + (has(SYN) ? 1 : 0) + (has(FIN) ? 1 : 0);
    }

    /** Sets the IP total length from the header and payload. */
    public TcpSegment sealLength() {
        this.length = IPV4_HEADER_BYTES + headerLength() + dataLength;
        return this;
    }

    @Override
    public String toString() {
        StringBuilder f = new StringBuilder();
        if (has(SYN)) {
            f.append('S');
        }
        if (has(FIN)) {
            f.append('F');
        }
        if (has(RST)) {
            f.append('R');
        }
        if (has(PSH)) {
            f.append('P');
        }
        if (has(ACK)) {
            f.append('.');
        }
        return srcPort + ">" + dstPort + " " + f + " " + Integer.toUnsignedString(seq) + ":"
                + Integer.toUnsignedString(seq + dataLength) + "(" + dataLength + ") ack "
                + Integer.toUnsignedString(ack) + " win " + window;
    }
}
