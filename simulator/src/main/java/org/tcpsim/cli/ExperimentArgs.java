package org.tcpsim.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tcpsim.experiment.RunOptions;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The experiment file and output directory every experiment command takes (a picocli mixin). */
final class ExperimentArgs {
    @Parameters(paramLabel = "EXPERIMENT.json", description = "the experiment file")
    Path experiment;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out",
            description = "output directory; results go to DIR/<experiment name>/ (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--trace", paramLabel = "WHAT", description = "extra traces: `states` writes states.csv (every TCP state change)")
    List<String> trace = new ArrayList<>();

    @Option(names = "--pcap", description = "write pcap/HOST.pcap per host: every TCP segment sent and received (nanosecond pcap)")
    boolean pcap;

    RunOptions runOptions() {
        for (String t : trace) {
            if (!t.equals("states")) {
                throw new Main.BadInput("--trace takes `states`, got \"" + t + "\"");
            }
        }
        return new RunOptions(trace.contains("states"), pcap);
    }
}
