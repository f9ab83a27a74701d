package org.tcpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A workload's "sockopt" IP_TOS and IP_MTU_DISCOVER reach the packets its sockets send, as --pcap
 * writes them: the TOS byte (ECN bits masked, __ip_sock_set_tos) and no DF for IP_PMTUDISC_DONT;
 * the other side (no options) sends TOS 0 with DF. An IP_MTU_DISCOVER out of range is bad input.
 */
class IpTosPcapScenarioTest {
    private static final String EXPERIMENT = """
            {"name": "tos", "duration": "2s", "sample_interval": "0s",
             "topology": {"nodes": [{"name": "a", "address": "10.0.0.1"}, {"name": "b", "address": "10.0.0.2"}],
               "links": [{"a": "a", "b": "b", "rate": "100Mbps", "delay": "1ms"}]},
             "workloads": [{"type": "bulk", "from": "a", "to": "b", "bytes": "100KB",
                            "sockopt": {"IP_TOS": %s, "IP_MTU_DISCOVER": %s}}]}
            """;

    @Test
    void tos_and_df_of_the_sockets_packets_show_in_the_capture(@TempDir Path tmp) throws Exception {
        Path exp = Cli.write(tmp, "tos.json", EXPERIMENT.formatted("187", "0")); // 0xbb: ECN bits 0b11 dropped
        Cli.Result r = Cli.run("run", exp.toString(), "--out", tmp.resolve("out").toString(), "--pcap");
        assertEquals(0, r.status(), r.transcript());
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(tmp.resolve("out/tos/run-s1/pcap/a.pcap")))
                .order(ByteOrder.LITTLE_ENDIAN);
        b.position(24);
        int fromA = 0;
        int fromB = 0;
        while (b.remaining() >= 16) {
            b.position(b.position() + 8);
            int caplen = b.getInt();
            b.getInt();
            int frame = b.position();
            int tos = b.get(frame + 15) & 0xff;
            int frag = ((b.get(frame + 20) & 0xff) << 8) | (b.get(frame + 21) & 0xff);
            int src = ByteBuffer.wrap(new byte[] {b.get(frame + 26), b.get(frame + 27), b.get(frame + 28),
                b.get(frame + 29)}).getInt();
            if (src == 0x0a000001) {
                fromA++;
                assertEquals(0xb8, tos, "a's TOS");
                assertEquals(0, frag, "IP_PMTUDISC_DONT: no DF");
            } else {
                fromB++;
                assertEquals(0, tos, "b's TOS");
                assertEquals(0x4000, frag, "b: DF, IP_PMTUDISC_WANT");
            }
            b.position(frame + caplen);
        }
        assertTrue(fromA > 10 && fromB > 10, fromA + " packets from a, " + fromB + " from b");
    }

    @Test
    void an_mtu_discover_mode_out_of_range_is_bad_input(@TempDir Path tmp) throws Exception {
        Path exp = Cli.write(tmp, "tos.json", EXPERIMENT.formatted("0", "6"));
        Cli.Result r = Cli.run("run", exp.toString(), "--out", tmp.resolve("out").toString());
        assertEquals(2, r.status(), r.transcript());
        assertTrue(r.transcript().contains("IP_MTU_DISCOVER"), r.transcript());
    }
}
