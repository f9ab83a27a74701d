package org.tcpsim.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.tcpsim.experiment.CurrentRuns;
import org.tcpsim.experiment.ExperimentFile;
import org.tcpsim.experiment.RunSpec;
import org.tcpsim.experiment.Runner;
import org.tcpsim.experiment.SweepPlan;
import org.tcpsim.output.SummaryFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** `tcpsim merge`: rebuild summary.csv and aggregate.csv from the complete run directories (after sharded runs). */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Rebuild OUT/<name>/summary.csv and aggregate.csv from every complete run directory.",
                "Run it after the shards of a sweep finished (on one machine or several, their run directories",
                "gathered under one OUT).",
                "Exits with 1 and names the missing runs when any run of the sweep has no complete result",
                "(a shard that was killed or failed): run that shard again, then merge again."})
final class MergeCommand implements Callable<Integer> {
    /** Missing runs named in full up to this many; beyond, the first ones and a count. */
    private static final int NAMED = 20;

    @Mixin
    ExperimentArgs args;

    @ParentCommand
    Main main;

    @Override
    public Integer call() throws Exception {
        ExperimentFile file = ExperimentFile.load(args.experiment, main.plugins(List.of(args.experiment)));
        Path experimentOut = args.out.resolve(file.name());
        if (!Files.isDirectory(experimentOut)) {
            throw new Main.BadInput("no results to merge: " + experimentOut + " does not exist");
        }
        SweepPlan plan = SweepCommand.plan(file, args.overrides());
        Runner.rebuildSummary(experimentOut, CurrentRuns.ofSweep(args.experiment, file, plan, args.overrides()));
        List<RunSpec> runs = plan.runs();
        List<RunSpec> missing = Runner.incomplete(runs, experimentOut);
        Path summary = experimentOut.resolve(SummaryFiles.SUMMARY);
        if (missing.isEmpty()) {
            System.out.printf("summary: %s (all %d runs of the sweep)%n", summary, runs.size());
            return 0;
        }
        System.out.printf("summary: %s (%d of %d runs of the sweep; incomplete)%n", summary,
                runs.size() - missing.size(), runs.size());
        System.err.println("tcpsim: " + describeMissing(runs, missing));
        return Main.EXIT_FAILED;
    }

    /**
     * "2 of 12 runs have no complete result: p1-s3 (run 6), p3-s1 (run 10); shard I of N holds runs
     * I, I+N, I+2N, ...: run those shards again, then merge again".
     */
    static String describeMissing(List<RunSpec> runs, List<RunSpec> missing) {
        StringBuilder s = new StringBuilder();
        s.append(missing.size()).append(" of ").append(runs.size()).append(" runs of the sweep have no complete result: ");
        for (int i = 0; i < missing.size() && i < NAMED; i++) {
            RunSpec r = missing.get(i);
            s.append(i == 0 ? "" : ", ").append(r.runId()).append(" (run ").append(runs.indexOf(r) + 1).append(')');
        }
        if (missing.size() > NAMED) {
            s.append(", and ").append(missing.size() - NAMED).append(" more");
        }
        s.append(". Shard I/N runs runs I, I+N, I+2N, ...: run the shards that hold them again"
                + " (their complete runs are skipped), then merge again");
        return s.toString();
    }
}
