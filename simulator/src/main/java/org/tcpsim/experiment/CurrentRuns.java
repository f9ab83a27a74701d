package org.tcpsim.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.tcpsim.config.ConfigException;
import org.tcpsim.output.RunRecord;

/**
 * Decides which finished runs belong in the summary: those the experiment file, as it now
 * stands, would reproduce. A sweep run must still be in the sweep with the same fingerprint;
 * a `run` result must match what its recorded --set values give on the current file. Runs of
 * an older version of the experiment stay on disk but drop out of summary.csv and aggregate.csv.
 */
public final class CurrentRuns implements Predicate<RunRecord> {
    private final ExperimentFile file;
    private final Map<String, String> sweepFingerprints = new HashMap<>();
    private final Map<Map<String, JsonNode>, Experiment> resolved = new HashMap<>();

    public CurrentRuns(ExperimentFile file, SweepPlan plan) {
        this.file = file;
        for (RunSpec r : plan.runs()) {
            sweepFingerprints.put(r.runId(), RunExecutor.fingerprint(r));
        }
    }

    @Override
    public boolean test(RunRecord r) {
        if (r.getPointIndex() >= 0) {
            return r.getFingerprint() != null && r.getFingerprint().equals(sweepFingerprints.get(r.getRunId()));
        }
        Experiment e = resolved.computeIfAbsent(r.getOverrides(), o -> {
            try {
                return file.resolve(o);
            } catch (ConfigException ex) {
                return null;
            }
        });
        return e != null && RunExecutor.fingerprint(e, r.getSeed()).equals(r.getFingerprint());
    }
}
