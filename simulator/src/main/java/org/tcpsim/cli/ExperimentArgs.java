package org.tcpsim.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The experiment file and output directory every experiment command takes (a picocli mixin). */
final class ExperimentArgs {
    @Parameters(paramLabel = "EXPERIMENT.json", description = "the experiment file")
    Path experiment;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out",
            description = "output directory; results go to DIR/<experiment name>/ (default: ${DEFAULT-VALUE})")
    Path out;
}
