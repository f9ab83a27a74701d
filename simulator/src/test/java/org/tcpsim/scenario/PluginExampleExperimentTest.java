package org.tcpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * plugin-example.json with the example plugin module's jar, as the README tells users to run it
 * (--plugins example-plugin/target): the trace drops exactly its five packets in every run, the
 * on-off workload delivers bursts, Vegas keeps the long queue short where reno and cubic fill
 * it, and the sweep is byte-identical with one worker or two.
 */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class PluginExampleExperimentTest {
    private static final String EXPERIMENT = Path.of("..", "experiments", "plugin-example.json").toString();

    @Test
    void the_example_plugins_run_the_shipped_experiment(@TempDir Path tmp) throws IOException {
        String plugins = ShippedExperimentsTest.examplePlugin();
        Cli.Result listed = Cli.run("--plugins", plugins, "plugins");
        for (String name : List.of("vegas", "trace", "on-off")) {
            assertTrue(listed.out().lines().anyMatch(l -> l.trim().startsWith(name + " ")
                    && l.contains("tcpsim-example-plugin.jar")), name + ": " + listed.transcript());
        }
        Cli.Result r = Cli.run("--plugins", plugins, "sweep", EXPERIMENT, "--jobs", "2", "--out", tmp.resolve("a").toString());
        assertEquals(0, r.status(), r.transcript());
        Cli.Result again = Cli.run("--plugins", plugins, "sweep", EXPERIMENT, "--jobs", "1", "--out", tmp.resolve("b").toString());
        assertEquals(0, again.status(), again.transcript());
        String summary = Files.readString(tmp.resolve("a/plugin-example/summary.csv"));
        assertEquals(summary, Files.readString(tmp.resolve("b/plugin-example/summary.csv")), "--jobs 2 and --jobs 1 agree");
        // every CSV of every run byte for byte: the plugins draw only from the run's named streams
        Map<String, String> csvs = OutputTree.csvFiles(tmp.resolve("a/plugin-example"));
        assertTrue(csvs.size() > 12 * 3, "the runs' CSVs: " + csvs.keySet());
        SweepDeterminismScenarioTest.assertSameFiles(csvs, OutputTree.csvFiles(tmp.resolve("b/plugin-example")));

        // the experiment file names plugin types: report and plot read it with the same plugins
        Cli.Result report = Cli.run("--plugins", plugins, "report", tmp.resolve("a/plugin-example").toString());
        assertEquals(0, report.status(), report.transcript());
        assertTrue(Files.readString(tmp.resolve("a/plugin-example/report.html")).contains("plugin-example"));
        Cli.Result plot = Cli.run("--plugins", plugins, "plot", tmp.resolve("a/plugin-example").toString());
        assertEquals(0, plot.status(), plot.transcript());

        CsvTable t = CsvTable.parse(summary);
        assertEquals(12, t.rows().size(), "3 congestion controls x 2 queues x 2 seeds");
        for (CsvTable.Row row : t.rows()) {
            // traces/plugin-example-drops.txt lists packets 40, 2000-2002 and 6000 of the data direction
            assertEquals(5, row.integer("net.drops.link_loss"), row.toString());
            assertTrue(row.number("on-off.bursts") >= 40, row.toString());
        }
        double vegas = meanSrtt(t, "vegas");
        double cubic = meanSrtt(t, "cubic");
        double reno = meanSrtt(t, "reno");
        assertTrue(vegas < 0.045, "Vegas stays near the 40 ms path RTT with 200 packets of queue: " + vegas);
        // reno queues less since the send buffer is charged skb truesize and grows only while a
        // writer waits with cwnd unfilled (tcp_new_space): 45.8 ms, was 54.0 (vegas 43.3)
        assertTrue(cubic > vegas + 0.01 && reno > vegas + 0.002, "the loss-based controls queue: reno " + reno
                + ", cubic " + cubic + ", vegas " + vegas);
    }

    /** Mean of on-off.srtt_mean_s over the seeds of the 200-packet queue for one control. */
    private static double meanSrtt(CsvTable t, String cc) {
        return t.rowsWhere(row -> row.get("queue").equals("200p") && row.get("congestion_control").contains(cc))
                .stream().mapToDouble(row -> row.number("on-off.srtt_mean_s")).average().orElseThrow();
    }
}
