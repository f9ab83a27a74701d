package org.tcpsim.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tcpsim.net.Datagram;
import org.tcpsim.net.Packet;
import org.tcpsim.tcp.TcpSegment;
import org.tcpsim.tcp.TcpWireFormat;

class PcapWriterTest {
    static final int CLIENT = 0x0a000001; // 10.0.0.1
    static final int SERVER = 0x0a000002; // 10.0.0.2
    static final int ISN_C = 0xfffffff0; // the client's data wraps sequence space
    static final int ISN_S = 0x12345678;

    @TempDir Path dir;

    private static TcpSegment seg(int src, int dst, int flags, int seq, int ack, int window, int data,
            int tsVal, int tsEcr) {
        TcpSegment s = new TcpSegment();
        s.src = src;
        s.dst = dst;
        s.protocol = Packet.PROTO_TCP;
        s.srcPort = src == CLIENT ? 40000 : 5001;
        s.dstPort = src == CLIENT ? 5001 : 40000;
        s.flags = flags;
        s.seq = seq;
        s.ack = ack;
        s.window = window;
        s.dataLength = data;
        s.hasTimestamps = true;
        s.tsVal = tsVal;
        s.tsEcr = tsEcr;
        return s;
    }

    /** A connection as Linux would send it (timestamps, SACK, wscale 7), plus a UDP probe. */
    static List<Packet> exchange() {
        List<Packet> ps = new ArrayList<>();
        TcpSegment syn = seg(CLIENT, SERVER, TcpSegment.SYN, ISN_C, 0, 64240, 0, 1000, 0);
        syn.mssOption = 1460;
        syn.sackPermitted = true;
        syn.windowScaleOption = 7;
        ps.add(syn.sealLength());
        TcpSegment synAck = seg(SERVER, CLIENT, TcpSegment.SYN | TcpSegment.ACK, ISN_S, ISN_C + 1, 65160, 0,
                5000, 1000);
        synAck.mssOption = 1460;
        synAck.sackPermitted = true;
        synAck.windowScaleOption = 7;
        ps.add(synAck.sealLength());
        ps.add(seg(CLIENT, SERVER, TcpSegment.ACK, ISN_C + 1, ISN_S + 1, 502, 0, 1010, 5000).sealLength());
        ps.add(seg(CLIENT, SERVER, TcpSegment.PSH | TcpSegment.ACK, ISN_C + 1, ISN_S + 1, 502, 1448, 1010, 5000)
                .sealLength());
        ps.add(seg(SERVER, CLIENT, TcpSegment.ACK, ISN_S + 1, ISN_C + 1449, 501, 0, 5010, 1010).sealLength());
        ps.add(seg(CLIENT, SERVER, TcpSegment.FIN | TcpSegment.ACK, ISN_C + 1449, ISN_S + 1, 502, 0, 1020, 5010)
                .sealLength());
        ps.add(seg(SERVER, CLIENT, TcpSegment.FIN | TcpSegment.ACK, ISN_S + 1, ISN_C + 1450, 501, 0, 5020, 1020)
                .sealLength());
        ps.add(seg(CLIENT, SERVER, TcpSegment.ACK, ISN_C + 1450, ISN_S + 2, 502, 0, 1030, 5020).sealLength());
        Datagram d = new Datagram(0x0a000003, 33000, 0x0a000004, 9, 200, 7, 0);
        d.ttl = 63;
        ps.add(d);
        return ps;
    }

    /** Writes the sample exchange, 10 ms apart starting at 1.000000001 s. */
    static void writeSample(Path file) throws IOException {
        try (PcapWriter w = new PcapWriter(file)) {
            long t = 1_000_000_001L;
            for (Packet p : exchange()) {
                w.write(t, p);
                t += 10_000_000L;
            }
        }
    }

    /** One's-complement sum written here, independently of InetChecksum. */
    private static int sum(byte[] b, int off, int len, long s) {
        for (int i = 0; i < len; i++) {
            s += (i % 2 == 0) ? (b[off + i] & 0xff) << 8 : b[off + i] & 0xff;
        }
        while (s > 0xffff) {
            s = (s & 0xffff) + (s >> 16);
        }
        return (int) s;
    }

    record Record(long sec, long nsec, int caplen, int origlen, byte[] data) {
    }

    /** A small classic-pcap reader: checks the global header and returns the records. */
    private static List<Record> read(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0xa1b23c4d, b.getInt());
        assertEquals(2, b.getShort());
        assertEquals(4, b.getShort());
        assertEquals(0, b.getInt());
        assertEquals(0, b.getInt());
        assertEquals(65535, b.getInt());
        assertEquals(1, b.getInt());
        List<Record> out = new ArrayList<>();
        while (b.hasRemaining()) {
            long sec = b.getInt() & 0xffffffffL;
            long nsec = b.getInt() & 0xffffffffL;
            int caplen = b.getInt();
            int origlen = b.getInt();
            assertTrue(nsec < 1_000_000_000L);
            byte[] data = new byte[caplen];
            b.get(data);
            out.add(new Record(sec, nsec, caplen, origlen, data));
        }
        return out;
    }

    @Test
    void globalHeaderBytes() throws IOException {
        String expected = "4d3cb2a1" + "0200" + "0400" + "00000000" + "00000000" + "ffff0000" + "01000000";
        assertEquals(expected, HexFormat.of().formatHex(PcapWriter.globalHeader()));
        Path f = dir.resolve("empty.pcap");
        new PcapWriter(f).close();
        assertEquals(expected, HexFormat.of().formatHex(Files.readAllBytes(f)));
    }

    @Test
    void exchangeReadsBackWithCorrectHeadersAndChecksums() throws IOException {
        Path f = dir.resolve("x.pcap");
        writeSample(f);
        List<Packet> sent = exchange();
        List<Record> recs = read(f);
        assertEquals(sent.size(), recs.size());
        for (int i = 0; i < recs.size(); i++) {
            Record r = recs.get(i);
            Packet p = sent.get(i);
            byte[] d = r.data();
            long t = 1_000_000_001L + 10_000_000L * i;
            assertEquals(t / 1_000_000_000L, r.sec());
            assertEquals(t % 1_000_000_000L, r.nsec());
            assertEquals(14 + p.length, r.origlen());
            assertEquals(r.origlen(), r.caplen());
            ByteBuffer b = ByteBuffer.wrap(d); // big-endian network order
            assertArrayEquals(PcapWriter.macFor(p.dst), java.util.Arrays.copyOfRange(d, 0, 6));
            assertArrayEquals(PcapWriter.macFor(p.src), java.util.Arrays.copyOfRange(d, 6, 12));
            assertEquals(0x0800, b.getShort(12) & 0xffff);
            assertEquals(0x45, d[14]);
            assertEquals(p.length, b.getShort(16) & 0xffff);
            assertEquals(0x4000, b.getShort(20) & 0xffff, "DF, no fragment offset");
            assertEquals(p.ttl, d[22] & 0xff);
            assertEquals(p.protocol, d[23] & 0xff);
            assertEquals(p.src, b.getInt(26));
            assertEquals(p.dst, b.getInt(30));
            assertEquals(0xffff, sum(d, 14, 20, 0), "IPv4 header checksum");
            int l4len = p.length - 20;
            byte[] pseudo = new byte[12];
            System.arraycopy(d, 26, pseudo, 0, 8);
            pseudo[9] = (byte) p.protocol;
            pseudo[10] = (byte) (l4len >>> 8);
            pseudo[11] = (byte) l4len;
            assertEquals(0xffff, sum(d, 34, l4len, sum(pseudo, 0, 12, 0)), "transport checksum of record " + i);
            if (p instanceof TcpSegment s) {
                TcpSegment back = TcpWireFormat.decode(d, 34, l4len, p.src, p.dst);
                assertEquals(s.toString(), back.toString());
                assertEquals(s.headerLength(), back.headerLength());
                assertEquals(s.tsVal, back.tsVal);
                assertEquals(s.mssOption, back.mssOption);
                assertEquals(s.windowScaleOption, back.windowScaleOption);
                for (int k = 34 + s.headerLength(); k < d.length; k++) assertEquals(0, d[k]);
            } else {
                Datagram u = (Datagram) p;
                assertEquals(u.srcPort, b.getShort(34) & 0xffff);
                assertEquals(u.dstPort, b.getShort(36) & 0xffff);
                assertEquals(l4len, b.getShort(38) & 0xffff);
                assertTrue((b.getShort(40) & 0xffff) != 0, "UDP checksum present");
            }
        }
        // IP IDs count per address pair: client->server 0,1,2,3,4; server->client 0,1,2
        int[] ids = recs.stream().mapToInt(r -> ByteBuffer.wrap(r.data()).getShort(18) & 0xffff).toArray();
        assertArrayEquals(new int[] {0, 0, 1, 2, 1, 3, 2, 4, 0}, ids);
    }

    @Test
    void tosAndDfComeFromThePacket() throws IOException {
        // IP_TOS 0xb8 with IP_PMTUDISC_DONT, as a Linux socket sends it: TOS byte 0xb8, frag_off 0
        TcpSegment s = seg(CLIENT, SERVER, TcpSegment.ACK, ISN_C, ISN_S, 502, 100, 1, 2);
        s.tos = 0xb8;
        s.dontFragment = false;
        s.sealLength();
        Path f = dir.resolve("tos.pcap");
        try (PcapWriter w = new PcapWriter(f)) {
            w.write(0, s);
            w.write(1, seg(CLIENT, SERVER, TcpSegment.ACK, ISN_C, ISN_S, 502, 100, 1, 2).sealLength());
        }
        List<Record> recs = read(f);
        ByteBuffer a = ByteBuffer.wrap(recs.get(0).data());
        assertEquals(0xb8, a.get(15) & 0xff, "TOS byte");
        assertEquals(0, a.getShort(20) & 0xffff, "no DF");
        assertEquals(0xffff, sum(recs.get(0).data(), 14, 20, 0), "IPv4 header checksum covers them");
        ByteBuffer b = ByteBuffer.wrap(recs.get(1).data());
        assertEquals(0, b.get(15) & 0xff, "a new packet: TOS 0");
        assertEquals(0x4000, b.getShort(20) & 0xffff, "a new packet: DF");
    }

    @Test
    void sameInputGivesByteIdenticalFiles() throws IOException {
        writeSample(dir.resolve("a.pcap"));
        writeSample(dir.resolve("b.pcap"));
        assertArrayEquals(Files.readAllBytes(dir.resolve("a.pcap")), Files.readAllBytes(dir.resolve("b.pcap")));
    }

    @Test
    void frameLongerThanSnaplenIsTruncatedInTheRecordOnly() throws IOException {
        Path f = dir.resolve("big.pcap");
        try (PcapWriter w = new PcapWriter(f)) {
            w.write(0, new Datagram(CLIENT, 1, SERVER, 2, 65535, 0, 0));
        }
        Record r = read(f).get(0);
        assertEquals(65535, r.caplen());
        assertEquals(65549, r.origlen());
    }

    @Test
    void rejectsUnsealedSegmentsAndBadArguments() throws IOException {
        try (PcapWriter w = new PcapWriter(dir.resolve("bad.pcap"))) {
            TcpSegment s = seg(CLIENT, SERVER, TcpSegment.ACK, 1, 1, 1, 100, 1, 1);
            assertThrows(IllegalArgumentException.class, () -> w.write(0, s));
            s.sealLength();
            assertThrows(IllegalArgumentException.class, () -> w.write(-1, s));
            assertThrows(IllegalArgumentException.class, () -> w.write(0, s, new byte[5], new byte[6]));
            w.write(0, s);
        }
        assertEquals(24 + 16 + 14 + 20 + 32 + 100, Files.size(dir.resolve("bad.pcap")));
    }

    private static Path onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) return null;
        for (String d : path.split(File.pathSeparator)) {
            Path p = Path.of(d, program);
            if (Files.isExecutable(p)) return p;
        }
        return null;
    }

    /** Runs the real tshark when it is installed; skipped otherwise. */
    @Test
    void tsharkFindsNoMalformedPacketsOrBadChecksums() throws Exception {
        Path tshark = onPath("tshark");
        Assumptions.assumeTrue(tshark != null, "tshark not installed");
        Path f = dir.resolve("sample.pcap");
        writeSample(f);
        ProcessBuilder pb = new ProcessBuilder(tshark.toString(), "-n", "-r", f.toString(),
                "-o", "ip.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE",
                "-T", "fields", "-E", "separator=|", "-e", "frame.number", "-e", "ip.checksum.status",
                "-e", "tcp.checksum.status", "-e", "udp.checksum.status", "-e", "_ws.malformed",
                "-e", "_ws.expert.severity");
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process proc = pb.start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(proc.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, proc.exitValue(), out);
        String[] lines = out.strip().split("\n");
        assertEquals(exchange().size(), lines.length, out);
        for (String line : lines) {
            String[] c = line.split("\\|", -1);
            assertEquals("1", c[1], "IP checksum good: " + line); // 0 bad, 1 good, 2 unverified
            assertTrue(c[2].equals("1") || c[3].equals("1"), "transport checksum good: " + line);
            assertEquals("", c[4], "not malformed: " + line);
            // expert severities: 0x00200000 chat, 0x00400000 note, 0x00600000 warn, 0x00800000 error
            for (String sev : c[5].split(",")) {
                if (!sev.isEmpty()) {
                    assertFalse(Long.decode(sev) >= 0x00600000L, "warning or error from tshark: " + line);
                }
            }
        }
    }
}
