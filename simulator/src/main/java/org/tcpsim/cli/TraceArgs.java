package org.tcpsim.cli;

import java.util.ArrayList;
import java.util.List;
import org.tcpsim.experiment.RunOptions;
import picocli.CommandLine.Option;

/** What a command that runs simulations may write beside the CSVs (a picocli mixin of run and sweep, not merge). */
final class TraceArgs {
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
