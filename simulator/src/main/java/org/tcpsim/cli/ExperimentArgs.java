package org.tcpsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The experiment file and output directory every experiment command takes (a picocli mixin). */
final class ExperimentArgs {
    @Parameters(paramLabel = "EXPERIMENT.json", description = "the experiment file")
    Path experiment;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out",
            description = "output directory; results go to DIR/<experiment name>/ (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--set", paramLabel = "POINTER=VALUE",
            description = {"override a value by JSON Pointer, e.g. --set /hosts/client/sysctl/net.ipv4.tcp_tw_reuse=1"
                    + " (with sweep and merge: for every point; a swept pointer cannot be set). VALUE is JSON when"
                    + " the whole of it is one JSON value (1, true, [1,2], {\"p\":0.1}), else a string: 10s,"
                    + " or '.../net.ipv4.ip_local_port_range=1024 65535' (quoted for the shell)"})
    List<String> sets = new ArrayList<>();

    /** The --set values, parsed; empty without any. */
    Map<String, JsonNode> overrides() {
        return Overrides.parse(sets);
    }
}
