package org.tcpsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tcpsim.config.ConfigException;
import org.tcpsim.config.JsonPointers;
import org.tcpsim.experiment.CurrentRuns;
import org.tcpsim.experiment.Experiment;
import org.tcpsim.experiment.ExperimentFile;
import org.tcpsim.experiment.RunSpec;
import org.tcpsim.experiment.Runner;
import org.tcpsim.output.SummaryScope;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** `tcpsim run`: the experiment's base configuration (its sweep ignored), once per seed. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run one experiment (its base configuration; any \"sweep\" is ignored) for each of its seeds.",
                "Writes OUT/<name>/<run-id>/ and rebuilds OUT/<name>/summary.csv."})
final class RunCommand implements Callable<Integer> {
    @Mixin
    ExperimentArgs args;

    @ParentCommand
    Main main;

    @Mixin
    TraceArgs traces;

    @Option(names = "--seed", paramLabel = "N", description = "run this seed only, instead of the file's \"seeds\"")
    Long seed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Planned planned = plan();
        List<RunSpec> runs = planned.runs();
        Path experimentOut = args.out.resolve(planned.name());
        Runner.Outcome outcome;
        try (RunReporter reporter = new RunReporter(System.out, System.err, runs.size(), true)) {
            outcome = Runner.execute(runs, experimentOut, planned.scope(), Runtime.getRuntime().availableProcessors(),
                    reporter, traces.runOptions());
        }
        int status = SweepCommand.report(outcome);
        if (outcome.ok()) {
            System.out.println("results: " + experimentOut.resolve(runs.get(0).runId()) + "/  summary: "
                    + experimentOut.resolve("summary.csv"));
        } else if (outcome.failures().size() < runs.size()) {
            System.out.println("summary of the runs that finished: " + experimentOut.resolve("summary.csv"));
        }
        return status;
    }

    /** The experiment's name, its runs and the summary's scope. */
    private record Planned(String name, List<RunSpec> runs, SummaryScope scope) {
    }

    /**
     * Reads the file and plans its runs. The file's own parsed tree is garbage once this returns:
     * the runs keep the resolved experiment only (a second copy of a 10 000-flow dumbbell's tree
     * would stay in the heap for the whole run).
     */
    private Planned plan() throws ConfigException {
        ExperimentFile file = ExperimentFile.load(args.experiment, main.plugins(List.of(args.experiment)));
        Map<String, JsonNode> overrides = args.overrides();
        Experiment exp;
        try {
            exp = file.resolve(overrides);
        } catch (ConfigException e) {
            throw Overrides.blame(e, overrides, file.file());
        }
        Warnings.unreadKnobs(file, exp.topology(), overrides, false);
        List<Long> seeds = seed != null ? List.of(seed) : exp.seeds();
        String prefix = overrides.isEmpty() ? "run" : "run-" + Overrides.tag(overrides);
        Map<String, JsonNode> params = new LinkedHashMap<>();
        for (String pointer : file.sweepPointers()) {
            JsonPointers.get(exp.json(), pointer).ifPresent(v -> params.put(pointer, v));
        }
        List<RunSpec> runs = new ArrayList<>();
        for (long s : seeds) {
            runs.add(new RunSpec(prefix + "-s" + s, -1, s, params, overrides, exp));
        }
        return new Planned(exp.name(), runs, CurrentRuns.ofRun(args.experiment, file, runs, overrides));
    }
}
