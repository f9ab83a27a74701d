package org.tcpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * A link's "framing" bytes take their share of its rate: one bulk flow that keeps a 10 Mbps link busy
 * moves 1500/1538 as many bytes when every frame carries Ethernet's 38 bytes (header, FCS, preamble,
 * inter-frame gap) besides its 1500-byte IP packet.
 */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class LinkFramingScenarioTest {
    private static final String EXPERIMENT = """
            {
              "name": "NAME",
              "duration": "20s",
              "topology": {
                "nodes": [
                  {"name": "a", "kind": "host", "address": "10.0.0.1"},
                  {"name": "b", "kind": "host", "address": "10.0.0.2"}
                ],
                "links": [{"a": "a", "b": "b", "rate": "10Mbps", "delay": "10ms", "queue": "60p"FRAMING}]
              },
              "workloads": [{"type": "bulk", "from": "a", "to": "b", "flows": 1, "duration": "20s"}]
            }
            """;

    @Test
    void ethernet_framing_takes_its_share_of_the_link(@TempDir Path tmp) {
        double plain = ExperimentRun.run(tmp, "plain", EXPERIMENT.replace("NAME", "plain").replace("FRAMING", ""))
                .metric("bulk.goodput_bps");
        double framed = ExperimentRun.run(tmp, "framed", EXPERIMENT.replace("NAME", "framed")
                .replace("FRAMING", ", \"framing\": 38")).metric("bulk.goodput_bps");
        assertTrue(framed <= 10e6 * 1448 / 1538, "at most the payload share of 1538-byte frames: " + framed);
        double ratio = framed / plain;
        assertTrue(Math.abs(ratio - 1500.0 / 1538) < 0.001, "goodput ratio " + ratio + " (" + framed + " / " + plain
                + "), expected about 1500/1538 = " + 1500.0 / 1538);
    }
}
