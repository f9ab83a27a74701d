package org.tcpsim.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two executions of the same runs into one output directory at once (the same shard submitted
 * twice, or a resubmitted task starting while the killed one still exits) run each run once
 * between them: whoever comes second waits for the run's lock and then finds it complete.
 */
class RunnerSharedOutputTest {
    @Test
    void two_runners_on_the_same_runs_execute_each_run_exactly_once(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("e.json");
        Files.writeString(f, """
                {"name": "shared", "duration": "2s", "seeds": [1, 2, 3],
                 "topology": {"nodes": [{"name": "c", "address": "10.0.0.1"}, {"name": "s", "address": "10.0.0.2"}],
                              "links": [{"a": "c", "b": "s", "rate": "10Mbps", "delay": "1ms"}]},
                 "workloads": [{"type": "probe", "from": "c", "to": "s:9000", "rate": "1000/s", "arrival": "poisson"}],
                 "sweep": {"/topology/links/0/delay": ["1ms", "2ms"]}}
                """);
        ExperimentFile file = ExperimentFile.load(f);
        SweepPlan plan = SweepPlan.of(file);
        Path out = dir.resolve("out").resolve("shared");
        Callable<Runner.Outcome> sweep = () -> Runner.execute(plan.runs(), out,
                CurrentRuns.ofSweep(f, file, plan, java.util.Map.of()), 2, new Runner.Observer() { });
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            Future<Runner.Outcome> a = two.submit(sweep);
            Future<Runner.Outcome> b = two.submit(sweep);
            Runner.Outcome oa = a.get();
            Runner.Outcome ob = b.get();
            assertTrue(oa.ok() && ob.ok(), oa + " " + ob);
            assertEquals(plan.runs().size(), oa.executed() + ob.executed(), "each run executed once: " + oa + " " + ob);
            assertEquals(plan.runs().size(), oa.skipped() + ob.skipped(), "and found complete by the other: " + oa + " " + ob);
        } finally {
            two.shutdownNow();
        }
        assertEquals(List.of(), Runner.incomplete(plan.runs(), out));
        try (Stream<Path> entries = Files.list(out)) {
            List<String> leftovers = entries.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".partial") || n.endsWith(".old")).toList();
            assertEquals(List.of(), leftovers);
        }
    }
}
