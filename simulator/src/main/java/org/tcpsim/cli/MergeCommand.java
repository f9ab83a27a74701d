package org.tcpsim.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tcpsim.experiment.CurrentRuns;
import org.tcpsim.experiment.ExperimentFile;
import org.tcpsim.output.SummaryFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** `tcpsim merge`: rebuild summary.csv and aggregate.csv from the complete run directories (after sharded runs). */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Rebuild OUT/<name>/summary.csv and aggregate.csv from every complete run directory.",
                "Run it after the shards of a sweep finished (on one machine or several, their run directories",
                "gathered under one OUT)."})
final class MergeCommand implements Callable<Integer> {
    @Mixin
    ExperimentArgs args;

    @Override
    public Integer call() throws Exception {
        ExperimentFile file = ExperimentFile.load(args.experiment);
        Path experimentOut = args.out.resolve(file.name());
        if (!Files.isDirectory(experimentOut)) {
            throw new Main.BadInput("no results to merge: " + experimentOut + " does not exist");
        }
        SummaryFiles.rebuild(experimentOut, file.sweepPointers(), new CurrentRuns(file, SweepCommand.plan(file, args.overrides())));
        System.out.println("summary: " + experimentOut.resolve(SummaryFiles.SUMMARY));
        return 0;
    }
}
