package org.tcpsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.tcpsim.experiment.ExperimentFile;
import org.tcpsim.experiment.TopologySpec;
import org.tcpsim.experiment.UnreadKnobs;

/** Warnings on stderr: what the user asked for that will not happen, though the input is valid. */
final class Warnings {
    private Warnings() {
    }

    /** One line per sysctl set that the model does not read (validate, run and sweep print them). */
    static void unreadKnobs(ExperimentFile file, TopologySpec topology, Map<String, JsonNode> overrides, boolean swept) {
        for (String line : UnreadKnobs.warnings(file, topology, overrides, swept)) {
            System.err.println("tcpsim: warning: " + line);
        }
        System.err.flush();
    }
}
