package org.tcpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * A probe stream across a lossy bottleneck, swept over Bernoulli loss 0, 1 %, 10 % and a bursty
 * Gilbert-Elliott channel: the loss each run measures end to end (summary.csv) must be what the
 * link was configured to do, within a binomial confidence bound computed from the run's own
 * packet count.
 */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class LinkLossScenarioTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Bernoulli 0, 0.01, 0.1, then Gilbert-Elliott per packet with pi_bad = 0.005 / (0.005 + 0.245)
     * = 2 %, and in time with bad spells of 1 ms in 50 ms (2 % of the time).
     */
    private static final String EXPERIMENT = """
            {
              "name": "loss-sweep",
              "duration": "10s",
              "seeds": [1, 2],
              "topology": {
                "nodes": [
                  {"name": "client", "kind": "host", "address": "10.0.1.1"},
                  {"name": "r1", "kind": "router", "address": "10.0.1.254"},
                  {"name": "r2", "kind": "router", "address": "10.0.2.254"},
                  {"name": "server", "kind": "host", "address": "10.0.2.1"}
                ],
                "links": [
                  {"a": "client", "b": "r1", "rate": "1Gbps", "delay": "500us"},
                  {"a": "r1", "b": "r2", "rate": "100Mbps", "delay": "5ms", "queue": "1000p"},
                  {"a": "r2", "b": "server", "rate": "1Gbps", "delay": "500us"}
                ]
              },
              "workloads": [
                {"type": "probe", "from": "client", "to": "10.0.2.1:9000", "rate": "4000/s", "size": "500B",
                 "arrival": "poisson"}
              ],
              "sweep": {
                "/topology/links/1/loss": [
                  {"model": "bernoulli", "p": 0.0},
                  {"model": "bernoulli", "p": 0.01},
                  {"model": "bernoulli", "p": 0.1},
                  {"model": "gilbert-elliott", "p_gb": 0.005, "p_bg": 0.245, "loss_bad": 1.0, "loss_good": 0.0},
                  {"model": "gilbert-elliott", "mean_good": "49ms", "mean_bad": "1ms"}
                ]
              }
            }
            """;

    @Test
    void measuredLossOfEverySweepRowIsWithinTheBinomialBoundOfTheConfiguredRate(@TempDir Path tmp) throws Exception {
        Path exp = Cli.write(tmp, "loss-sweep.json", EXPERIMENT);
        Path out = tmp.resolve("out");
        Cli.Result r = Cli.run("sweep", exp.toString(), "--out", out.toString(), "--jobs", "2");
        assertEquals(0, r.status(), r.transcript());

        CsvTable summary = CsvTable.read(out.resolve("loss-sweep/summary.csv"));
        assertEquals(10, summary.size(), "5 sweep points x 2 seeds");
        Set<String> models = new TreeSet<>();
        for (CsvTable.Row row : summary.rows()) {
            JsonNode loss = JSON.readTree(row.get("loss"));
            long sent = row.integer("probe.sent");
            long received = row.integer("probe.received");
            long lost = sent - received;
            double lossRate = row.number("probe.loss_rate");
            String where = row.get("run_id") + " " + loss + ": sent " + sent + ", received " + received;

            assertTrue(sent > 30_000, where + ": the probe should send ~36000 datagrams in 9 s at 4000/s");
            assertEquals((double) lost / sent, lossRate, 1e-9, where + ": loss_rate must be 1 - received/sent");
            // Nothing but the loss model may drop: the bottleneck runs at ~16 % load.
            assertEquals(0, row.number("net.drops.queue_full"), where);
            assertEquals(lost, row.integer("net.drops.link_loss"), where + ": every lost probe was lost on the wire");

            String model = loss.get("model").asText();
            models.add(model);
            if (model.equals("bernoulli")) {
                double p = loss.get("p").asDouble();
                if (p == 0) {
                    assertEquals(0, lost, where + ": a lossless link must lose nothing");
                    assertEquals(0.0, lossRate, where);
                } else {
                    Binomial.Bound bound = Binomial.count(sent, p);
                    assertTrue(bound.contains(lost), where + ": lost " + lost + " not in the "
                            + Binomial.CONFIDENCE + " binomial bound " + bound + " for p = " + p);
                }
            } else if (loss.has("mean_bad")) {
                // Poisson probes see time averages: the fraction lost is the fraction of time spent bad,
                // whose variance over T is 2 pi_bad pi_good T / (a + b) for a two-state chain of rates a, b
                double a = 1 / 0.049;
                double b = 1 / 0.001;
                double piBad = a / (a + b);
                double seconds = 9; // the probe's sending time
                double sd = Math.sqrt(2 * piBad * (1 - piBad) * seconds / (a + b)) / seconds;
                double measured = (double) lost / sent;
                assertTrue(Math.abs(measured - piBad) < 4 * sd + 3 * Math.sqrt(piBad / sent),
                        where + ": lost " + measured + ", expected " + piBad + " +- 4 x " + sd);
            } else {
                assertEquals("gilbert-elliott", model);
                double pGb = loss.get("p_gb").asDouble();
                double pBg = loss.get("p_bg").asDouble();
                Binomial.Bound bound = Binomial.gilbertElliottCount(sent, pGb, pBg);
                assertTrue(bound.contains(lost), where + ": lost " + lost + " not in the Markov-inflated bound "
                        + bound + " for stationary loss " + pGb / (pGb + pBg));
            }
        }
        assertEquals(Set.of("bernoulli", "gilbert-elliott"), models);
    }
}
