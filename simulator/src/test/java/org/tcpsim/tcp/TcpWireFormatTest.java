package org.tcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TcpWireFormatTest {
    private static final int CLIENT = 0x0a000001; // 10.0.0.1
    private static final int SERVER = 0x0a000002; // 10.0.0.2

    /** Checksum computed here, independently of the code under test: sum of 16-bit words. */
    static int onesSum(byte[] b, int off, int len, long sum) {
        for (int i = 0; i < len; i++) {
            int v = b[off + i] & 0xff;
            sum += (i % 2 == 0) ? v << 8 : v;
        }
        while (sum > 0xffff) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) sum;
    }

    /** One's-complement sum over pseudo-header + header + materialised zero payload. */
    static int segmentSum(byte[] header, int off, int hl, int dataLength, int src, int dst) {
        byte[] seg = new byte[hl + dataLength];
        System.arraycopy(header, off, seg, 0, hl);
        int tcpLen = seg.length;
        byte[] pseudo = {
            (byte) (src >>> 24), (byte) (src >>> 16), (byte) (src >>> 8), (byte) src,
            (byte) (dst >>> 24), (byte) (dst >>> 16), (byte) (dst >>> 8), (byte) dst,
            0, 6, (byte) (tcpLen >>> 8), (byte) tcpLen};
        return onesSum(seg, 0, seg.length, onesSum(pseudo, 0, pseudo.length, 0));
    }

    private static TcpSegment segment(int flags) {
        TcpSegment s = new TcpSegment();
        s.src = CLIENT;
        s.dst = SERVER;
        s.protocol = 6;
        s.srcPort = 40000;
        s.dstPort = 5001;
        s.flags = flags;
        return s;
    }

    /** Option tokens as the test reads them, independently of decode(). */
    private static List<String> tokens(byte[] b, int off, int hl) {
        List<String> t = new ArrayList<>();
        int p = off + 20;
        while (p < off + hl) {
            int kind = b[p] & 0xff;
            if (kind == 1) {
                t.add("NOP");
                p++;
                continue;
            }
            int len = b[p + 1] & 0xff;
            t.add(switch (kind) {
                case 2 -> "MSS" + len;
                case 3 -> "WS" + len;
                case 4 -> "SACKPERM" + len;
                case 5 -> "SACK" + len;
                case 8 -> "TS" + len;
                default -> "?" + kind;
            });
            p += len;
        }
        assertEquals(off + hl, p, "options end exactly at the data offset");
        return t;
    }

    /** Linux tcp_options_write order, stated from the kernel source, not from the encoder. */
    private static List<String> linuxLayout(boolean mss, boolean ts, boolean sackPerm, boolean ws, int blocks) {
        List<String> t = new ArrayList<>();
        if (mss) t.add("MSS4");
        if (ts) {
            if (sackPerm) t.add("SACKPERM2");
            else { t.add("NOP"); t.add("NOP"); }
            t.add("TS10");
        } else if (sackPerm) {
            t.add("NOP"); t.add("NOP"); t.add("SACKPERM2");
        }
        if (ws) { t.add("NOP"); t.add("WS3"); }
        if (blocks > 0) { t.add("NOP"); t.add("NOP"); t.add("SACK" + (2 + 8 * blocks)); }
        return t;
    }

    private static void assertSameSegment(TcpSegment a, TcpSegment b) {
        assertEquals(a.srcPort, b.srcPort);
        assertEquals(a.dstPort, b.dstPort);
        assertEquals(a.seq, b.seq);
        assertEquals(a.ack, b.ack);
        assertEquals(a.flags, b.flags);
        assertEquals(a.window, b.window);
        assertEquals(a.dataLength, b.dataLength);
        assertEquals(a.mssOption, b.mssOption);
        assertEquals(a.windowScaleOption, b.windowScaleOption);
        assertEquals(a.sackPermitted, b.sackPermitted);
        assertEquals(a.hasTimestamps, b.hasTimestamps);
        assertEquals(a.hasTimestamps ? a.tsVal : 0, b.tsVal);
        assertEquals(a.hasTimestamps ? a.tsEcr : 0, b.tsEcr);
        if (a.sackBlocks == null || a.sackBlocks.length == 0) {
            assertNull(b.sackBlocks);
        } else {
            assertArrayEquals(a.sackBlocks, b.sackBlocks);
        }
        assertEquals(a.headerLength(), b.headerLength());
        assertEquals(a.src, b.src);
        assertEquals(a.dst, b.dst);
    }

    /** Encodes at a random offset, checks everything, returns the header bytes. */
    private static byte[] checkRoundTrip(TcpSegment s, int offset) {
        byte[] buf = new byte[offset + 64];
        int hl = TcpWireFormat.encode(s, buf, offset);
        assertEquals(s.headerLength(), hl);
        assertEquals(hl / 4, (buf[offset + 12] & 0xf0) >>> 4, "data offset");
        assertEquals(0, buf[offset + 18] | buf[offset + 19], "urgent pointer");
        assertEquals(0xffff, segmentSum(buf, offset, hl, s.dataLength, s.src, s.dst), "checksum");
        TcpSegment d = TcpWireFormat.decode(buf, offset, hl + s.dataLength, s.src, s.dst);
        assertSameSegment(s, d);
        byte[] again = new byte[hl];
        assertEquals(hl, TcpWireFormat.encode(d, again, 0));
        byte[] first = java.util.Arrays.copyOfRange(buf, offset, offset + hl);
        assertArrayEquals(first, again, "re-encoding the decoded segment gives the same bytes");
        return first;
    }

    @Test
    void everyOptionCombinationMatchesHeaderLengthAndLinuxOrder() {
        int tried = 0;
        int fitted = 0;
        for (int mss = 0; mss < 2; mss++) {
            for (int ts = 0; ts < 2; ts++) {
                for (int sp = 0; sp < 2; sp++) {
                    for (int ws : new int[] {-1, 0, 7, 14}) {
                        for (int blocks = -1; blocks <= 4; blocks++) { // -1: null array
                            TcpSegment s = segment(TcpSegment.ACK);
                            s.seq = 0xfffffff0;
                            s.ack = 17;
                            s.window = 502;
                            s.mssOption = mss == 1 ? 1460 : 0;
                            s.hasTimestamps = ts == 1;
                            s.tsVal = 0x80000001;
                            s.tsEcr = 12345;
                            s.sackPermitted = sp == 1;
                            s.windowScaleOption = ws;
                            s.sackBlocks = blocks < 0 ? null : new int[2 * blocks];
                            for (int i = 0; i < 2 * Math.max(blocks, 0); i++) s.sackBlocks[i] = -100 + 1000 * i;
                            s.dataLength = 100;
                            tried++;
                            if (s.headerLength() > 60) {
                                assertThrows(IllegalArgumentException.class,
                                        () -> TcpWireFormat.encode(s, new byte[100], 0));
                                continue;
                            }
                            fitted++;
                            byte[] h = checkRoundTrip(s, 3);
                            assertEquals(linuxLayout(mss == 1, ts == 1, sp == 1, ws >= 0, Math.max(blocks, 0)),
                                    tokens(h, 0, h.length), s.toString());
                        }
                    }
                }
            }
        }
        assertEquals(2 * 2 * 2 * 4 * 6, tried);
        assertTrue(fitted > 150, "most combinations fit in 40 option bytes: " + fitted);
    }

    @Test
    void linuxSynBytes() {
        TcpSegment syn = segment(TcpSegment.SYN);
        syn.seq = 0x01020304;
        syn.window = 64240;
        syn.mssOption = 1460;
        syn.sackPermitted = true;
        syn.hasTimestamps = true;
        syn.tsVal = 0x0a0b0c0d;
        syn.windowScaleOption = 7;
        byte[] h = checkRoundTrip(syn, 0);
        // 9c40 1389 seq 01020304 ack 0, doff 10 (a0) flags 02 window faf0, then options as a
        // real Linux SYN: mss 1460, sackOK, TS val ecr 0, nop, wscale 7
        assertEquals("9c40138901020304" + "00000000" + "a002faf0", HexFormat.of().formatHex(h, 0, 16));
        assertEquals("020405b4" + "0402080a" + "0a0b0c0d" + "00000000" + "01030307",
                HexFormat.of().formatHex(h, 20, 40));
        syn.hasTimestamps = false;
        h = checkRoundTrip(syn, 0);
        assertEquals("020405b4" + "01010402" + "01030307", HexFormat.of().formatHex(h, 20, 32));
    }

    @Test
    void linuxSackBytes() {
        TcpSegment a = segment(TcpSegment.ACK);
        a.hasTimestamps = true;
        a.tsVal = 1;
        a.tsEcr = 2;
        a.sackBlocks = new int[] {0x100, 0x200, 0xfffffff0, 0x10};
        byte[] h = checkRoundTrip(a, 0);
        assertEquals(20 + 12 + 4 + 16, h.length);
        assertEquals("0101080a" + "00000001" + "00000002" + "01010512"
                + "00000100" + "00000200" + "fffffff0" + "00000010", HexFormat.of().formatHex(h, 20, h.length));
    }

    @Test
    void randomSegmentsRoundTrip() {
        int[] edgeSeqs = {0, 1, -1, -2, 0x7fffffff, 0x80000000, 0xfffffff0};
        int[] edgeWindows = {0, 1, 0x7fff, 0x8000, 0xfffe, 0xffff};
        for (long seed = 1; seed <= 300; seed++) {
            Random r = new Random(seed);
            for (int n = 0; n < 50; n++) {
                TcpSegment s = segment(r.nextInt(0x200));
                s.src = r.nextInt();
                s.dst = r.nextInt();
                s.srcPort = r.nextInt(0x10000);
                s.dstPort = r.nextInt(0x10000);
                s.seq = r.nextBoolean() ? edgeSeqs[r.nextInt(edgeSeqs.length)] + r.nextInt(3) - 1 : r.nextInt();
                s.ack = r.nextBoolean() ? edgeSeqs[r.nextInt(edgeSeqs.length)] : r.nextInt();
                s.window = r.nextBoolean() ? edgeWindows[r.nextInt(edgeWindows.length)] : r.nextInt(0x10000);
                s.dataLength = r.nextInt(4) == 0 ? 0 : r.nextInt(r.nextBoolean() ? 1500 : 65000);
                s.mssOption = r.nextBoolean() ? 1 + r.nextInt(0xffff) : 0;
                s.windowScaleOption = r.nextBoolean() ? r.nextInt(15) : -1;
                s.sackPermitted = r.nextBoolean();
                s.hasTimestamps = r.nextBoolean();
                s.tsVal = r.nextInt();
                s.tsEcr = r.nextInt();
                int used = s.headerLength() - 20;
                int maxBlocks = Math.max(0, (40 - used - 4) / 8);
                int blocks = r.nextInt(maxBlocks + 1);
                if (blocks > 0) {
                    s.sackBlocks = new int[2 * blocks];
                    int start = s.ack + r.nextInt(100000);
                    for (int i = 0; i < blocks; i++) {
                        s.sackBlocks[2 * i] = start;
                        s.sackBlocks[2 * i + 1] = start + 1 + r.nextInt(10000);
                        start = s.sackBlocks[2 * i + 1] + 1 + r.nextInt(10000);
                    }
                }
                if (s.headerLength() + s.dataLength > 0xffff - 20) {
                    s.dataLength = 0xffff - 20 - s.headerLength();
                }
                checkRoundTrip(s, r.nextInt(8));
            }
        }
    }

    @Test
    void rejectsWhatDoesNotFitTheWire() {
        TcpSegment s = segment(TcpSegment.ACK);
        s.window = 0x10000;
        assertThrows(IllegalArgumentException.class, () -> TcpWireFormat.encode(s, new byte[60], 0));
        s.window = -1;
        assertThrows(IllegalArgumentException.class, () -> TcpWireFormat.encode(s, new byte[60], 0));
        s.window = 10;
        s.srcPort = 70000;
        assertThrows(IllegalArgumentException.class, () -> TcpWireFormat.encode(s, new byte[60], 0));
        s.srcPort = 1;
        s.sackBlocks = new int[3];
        assertThrows(IllegalArgumentException.class, () -> TcpWireFormat.encode(s, new byte[60], 0));
        s.sackBlocks = null;
        assertThrows(IllegalArgumentException.class, () -> TcpWireFormat.encode(s, new byte[25], 10));
        assertEquals(20, TcpWireFormat.encode(s, new byte[30], 10));
    }

    @Test
    void decodeRejectsMalformedHeaders() {
        TcpSegment s = segment(TcpSegment.ACK);
        s.hasTimestamps = true;
        byte[] h = new byte[32];
        TcpWireFormat.encode(s, h, 0);
        assertThrows(IllegalArgumentException.class, () -> TcpWireFormat.decode(h, 0, 31, CLIENT, SERVER));
        byte[] badLen = h.clone();
        badLen[23] = 11; // TS length 11 runs past the header
        assertThrows(IllegalArgumentException.class, () -> TcpWireFormat.decode(badLen, 0, 32, CLIENT, SERVER));
        byte[] badOff = h.clone();
        badOff[12] = 0x40; // data offset 4 words
        assertThrows(IllegalArgumentException.class, () -> TcpWireFormat.decode(badOff, 0, 32, CLIENT, SERVER));
        TcpSegment d = TcpWireFormat.decode(h, 0, 1032, CLIENT, SERVER);
        assertEquals(1000, d.dataLength);
        assertEquals(1052, d.length);
    }
}
