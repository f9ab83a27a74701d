package org.tcpsim.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tcpsim.output.SummaryScope;

/**
 * Decides which finished runs the summary lists: exactly the runs of the invocation that rebuilds
 * it (a sweep's whole plan, whichever shard ran each; or the runs of one `run`), each only if its
 * fingerprint is what the experiment file, as it now stands, gives. Runs of other invocations
 * (an earlier `run --set`, a sweep with other --set values) and of older versions of the file stay
 * on disk but never enter summary.csv, aggregate.csv or a chart.
 */
public final class CurrentRuns {
    private CurrentRuns() {
    }

    /** The runs of a sweep (or its merge): every run of the plan, with {@code set} applied to every point. */
    public static SummaryScope ofSweep(Path experimentFile, ExperimentFile file, SweepPlan plan,
                                       Map<String, JsonNode> set) {
        return of("sweep", experimentFile, file, plan.runs(), set);
    }

    /** The runs of one `tcpsim run` (its seeds, with its --set values). */
    public static SummaryScope ofRun(Path experimentFile, ExperimentFile file, List<RunSpec> runs,
                                     Map<String, JsonNode> set) {
        return of("run", experimentFile, file, runs, set);
    }

    private static SummaryScope of(String command, Path experimentFile, ExperimentFile file, List<RunSpec> runs,
                                   Map<String, JsonNode> set) {
        Map<String, String> fingerprints = new LinkedHashMap<>();
        for (RunSpec r : runs) {
            fingerprints.put(r.runId(), RunExecutor.fingerprint(r));
        }
        List<String> swept = file.sweepPointers();
        List<String> setColumns = new ArrayList<>();
        for (String p : set.keySet()) {
            if (!swept.contains(p)) {
                setColumns.add(p);
            }
        }
        List<String> counters = new ArrayList<>();
        runs.stream().findFirst().ifPresent(r -> r.experiment().json().path("summary_counters")
                .forEach(c -> counters.add(c.asText())));
        return new SummaryScope(command, experimentFile.toAbsolutePath().normalize().toString(), set, swept,
                setColumns, fingerprints, counters);
    }
}
