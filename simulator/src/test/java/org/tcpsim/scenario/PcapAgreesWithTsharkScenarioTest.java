package org.tcpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lossy bulk transfer written with --pcap, read back by tshark (when it is installed): no
 * malformed packets, no bad checksums, and tshark's own TCP analysis flags as many retransmitted
 * segments as the model counted in TcpRetransSegs.
 */
class PcapAgreesWithTsharkScenarioTest {
    private static final String EXPERIMENT = """
            {"name": "lossy", "duration": "10s", "sample_interval": "0s",
             "topology": {"nodes": [{"name": "a", "address": "10.0.0.1"}, {"name": "b", "address": "10.0.0.2"}],
               "links": [{"a": "a", "b": "b", "rate": "20Mbps", "delay": "10ms", "a_to_b": {"loss": 0.02}}]},
             "workloads": [{"type": "bulk", "from": "a", "to": "b", "bytes": "2MB"}]}
            """;

    @Test
    void tshark_reads_the_capture_cleanly_and_counts_the_same_retransmissions(@TempDir Path tmp) throws Exception {
        Path exp = Cli.write(tmp, "lossy.json", EXPERIMENT);
        Cli.Result r = Cli.run("run", exp.toString(), "--out", tmp.resolve("out").toString(), "--pcap");
        assertEquals(0, r.status(), r.transcript());
        Path run = tmp.resolve("out/lossy/run-s1");
        Path pcap = run.resolve("pcap/a.pcap");
        assertTrue(Files.size(pcap) > 24, "pcap has packets");
        long modelRetrans = Long.parseLong(CsvTable.read(run.resolve("counters.csv"))
                .rowsWhere(row -> row.get("host").equals("a") && row.get("counter").equals("TcpRetransSegs"))
                .get(0).get("value"));
        assertTrue(modelRetrans > 0, "2 % loss must cause retransmissions");

        Assumptions.assumeTrue(tsharkAvailable(), "tshark not installed: format checked by PcapWriterTest only");
        List<String> bad = tshark(pcap, "-o", "tcp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE",
                "-Y", "_ws.malformed || tcp.checksum.status == 0 || ip.checksum.status == 0");
        assertEquals(List.of(), bad, "malformed or bad-checksum frames");
        // tshark calls a retransmission sent soon after the original "out-of-order" rather than
        // "retransmission"; both are segments below the highest sequence already sent.
        List<String> flagged = tshark(pcap, "-Y",
                "tcp.srcport != 5001 && (tcp.analysis.retransmission || tcp.analysis.out_of_order)");
        assertEquals(modelRetrans, flagged.size(), String.join("\n", flagged));
    }

    private static boolean tsharkAvailable() {
        try {
            Process p = new ProcessBuilder("tshark", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static List<String> tshark(Path pcap, String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("tshark", "-r", pcap.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "tshark finished");
        return out.isBlank() ? List.of() : List.of(out.strip().split("\n"));
    }
}
