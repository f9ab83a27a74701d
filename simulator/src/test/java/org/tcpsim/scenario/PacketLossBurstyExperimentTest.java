package org.tcpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * experiments/packet-loss-bursty.json at 30 s with reno: the same 1 % average loss costs less in
 * bursts (fewer loss events, each repaired in one SACK recovery), and reordering does not stall
 * the flow.
 */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class PacketLossBurstyExperimentTest {
    private static final String BERNOULLI = "/topology/links/0/a_to_b/loss={\"model\":\"bernoulli\",\"p\":0.01}";
    private static final String BURSTY = "/topology/links/0/a_to_b/loss={\"model\":\"gilbert-elliott\","
            + "\"p_gb\":0.002525,\"p_bg\":0.25,\"loss_bad\":1.0,\"loss_good\":0.0}";
    private static final String REORDER = "/topology/links/0/a_to_b/reorder={\"p\":0.01,\"delay\":\"2ms\"}";

    private static ExperimentRun run(Path out, String... sets) {
        List<String> all = new java.util.ArrayList<>(List.of("/duration=30s", "/workloads/0/duration=30s",
                "/workloads/0/congestion_control=reno"));
        all.addAll(List.of(sets));
        return ExperimentRun.runShipped(out, "packet-loss-bursty", all);
    }

    @Test
    void burstsOfTheSameAverageLossCostFewerHalvingsAndReorderingDoesNotStallTheFlow(@TempDir Path tmp) {
        ExperimentRun bernoulli = run(tmp.resolve("b"), BERNOULLI);
        ExperimentRun bursty = run(tmp.resolve("g"), BURSTY);
        ExperimentRun reordered = run(tmp.resolve("r"), BERNOULLI, REORDER);
        double b = bernoulli.metric("bulk.goodput_bps");
        double g = bursty.metric("bulk.goodput_bps");
        // both lose about 1 % of data packets on the link
        for (ExperimentRun r : List.of(bernoulli, bursty)) {
            double lossRate = r.metric("net.drops.link_loss") / r.metric("net.packets_sent") * 2; // data is about half
            assertTrue(lossRate > 0.005 && lossRate < 0.02, "about 1 % of data lost: " + lossRate);
        }
        // Mathis counts loss events: bursts of ~4 give ~1/4 the events, up to 2x the goodput
        assertTrue(g > 1.4 * b && g < 2.6 * b, "bursty " + g + " vs independent " + b);
        double r = reordered.metric("bulk.goodput_bps");
        assertTrue(r > 0.5 * b && r <= 1.05 * b, "reordering costs something but never stalls: " + r + " vs " + b);
    }
}
