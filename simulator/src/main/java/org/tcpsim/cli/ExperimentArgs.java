package org.tcpsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    @Option(names = "--set", paramLabel = "POINTER=VALUE",
            description = "override a value by JSON Pointer, e.g. --set /hosts/client/sysctl/net.ipv4.tcp_tw_reuse=1"
                    + " (with sweep and merge: for every point; a swept pointer cannot be set)")
    List<String> sets = new ArrayList<>();

    @Option(names = "--pcap", description = "write pcap/HOST.pcap per host: every TCP segment sent and received (nanosecond pcap)")
    boolean pcap;

    /** The --set values, parsed; empty without any. */
    Map<String, JsonNode> overrides() {
        return Overrides.parse(sets);
    }

    RunOptions runOptions() {
        for (String t : trace) {
            if (!t.equals("states")) {
                throw new Main.BadInput("--trace takes `states`, got \"" + t + "\"");
            }
        }
        return new RunOptions(trace.contains("states"), pcap);
    }
}
