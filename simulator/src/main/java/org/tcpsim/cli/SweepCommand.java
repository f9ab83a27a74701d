package org.tcpsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.tcpsim.config.ConfigException;
import java.util.concurrent.Callable;
import org.tcpsim.experiment.CurrentRuns;
import org.tcpsim.experiment.ExperimentFile;
import org.tcpsim.experiment.RunSpec;
import org.tcpsim.experiment.Runner;
import org.tcpsim.experiment.SweepPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Option;

/** `tcpsim sweep`: every point of the sweep times every seed, in parallel, resumable, shardable. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Run the product of the experiment's \"sweep\" values, each for every seed.",
                "Complete runs are skipped, so re-running an interrupted sweep finishes it.",
                "Outputs are byte-identical whatever --jobs and --shard are."})
final class SweepCommand implements Callable<Integer> {
    @Mixin
    ExperimentArgs args;

    @ParentCommand
    Main main;

    @Mixin
    TraceArgs traces;

    @Option(names = "--jobs", paramLabel = "N", description = "worker threads (default: the number of cores)")
    Integer jobs;

    @Option(names = "--shard", paramLabel = "I/N",
            description = "run only shard I of N (1-based), e.g. --shard $${SLURM_ARRAY_TASK_ID}/8; "
                    + "shards writing to one OUT merge into one summary (or run `tcpsim merge` after)")
    String shard;

    @Override
    public Integer call() throws Exception {
        ExperimentFile file = ExperimentFile.load(args.experiment, main.plugins(List.of(args.experiment)));
        Map<String, JsonNode> overrides = args.overrides();
        SweepPlan plan = plan(file, overrides);
        List<RunSpec> runs = plan.runs();
        Warnings.unreadKnobs(file, runs.get(0).experiment().topology(), overrides, true);
        if (shard != null) {
            String[] parts = shard.split("/");
            try {
                runs = plan.shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
            } catch (RuntimeException e) {
                throw new Main.BadInput("--shard expects I/N with 1 <= I <= N, e.g. --shard 2/8; got \"" + shard + "\"");
            }
        }
        int workers = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
        if (workers < 1) {
            throw new Main.BadInput("--jobs must be at least 1");
        }
        Path experimentOut = args.out.resolve(file.name());
        Runner.Outcome outcome;
        try (RunReporter reporter = new RunReporter(System.out, System.err, runs.size(), false)) {
            outcome = Runner.execute(runs, experimentOut, CurrentRuns.ofSweep(args.experiment, file, plan, args.overrides()),
                    workers, reporter, traces.runOptions());
        }
        int status = report(outcome);
        System.out.printf("%d runs executed, %d already complete%s; summary: %s%n", outcome.executed(),
                outcome.skipped(), outcome.ok() ? "" : ", " + outcome.failures().size() + " failed",
                experimentOut.resolve("summary.csv"));
        if (shard != null) {
            int missing = Runner.incomplete(plan.runs(), experimentOut).size();
            System.out.printf("shard %s ended; %d of the sweep's %d runs are complete%s%n", shard,
                    plan.runs().size() - missing, plan.runs().size(),
                    missing == 0 ? "" : " (run `tcpsim merge` once every shard has ended)");
        }
        return status;
    }

    /**
     * The sweep with --set values applied to every point; their runs get ids prefixed with the
     * values' tag ("set-1a2b3c4d-p03-s2"), so they never overwrite the plain sweep's runs.
     */
    static SweepPlan plan(ExperimentFile file, Map<String, JsonNode> overrides) throws ConfigException {
        for (String set : overrides.keySet()) {
            for (String swept : file.sweepPointers()) {
                if (set.equals(swept) || set.startsWith(swept + "/") || swept.startsWith(set + "/")) {
                    throw new Main.BadInput("--set " + set + ": " + swept + " is swept in " + file.file()
                            + "; change its \"sweep\" values instead");
                }
            }
        }
        try {
            return overrides.isEmpty() ? SweepPlan.of(file) : SweepPlan.of(file, overrides, "set-" + Overrides.tag(overrides) + "-");
        } catch (ConfigException e) {
            throw Overrides.blame(e, overrides, file.file());
        }
    }

    static int report(Runner.Outcome outcome) {
        for (String f : outcome.failures()) {
            System.err.println("tcpsim: run failed: " + f);
        }
        return outcome.ok() ? 0 : Main.EXIT_FAILED;
    }
}
