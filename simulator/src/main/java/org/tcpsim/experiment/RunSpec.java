package org.tcpsim.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One run to execute: an experiment point and a seed, with a stable id.
 *
 * @param pointIndex position of the sweep point in the stable sweep order; -1 for a plain `run`
 * @param params     the swept pointers and their values at this point, in sweep order (summary columns)
 * @param overrides  what was applied to the experiment file to get this run: the sweep point, or --set values
 */
public record RunSpec(String runId, int pointIndex, long seed, Map<String, JsonNode> params,
                      Map<String, JsonNode> overrides, Experiment experiment) {
}
