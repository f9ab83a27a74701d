package org.tcpsim.plugin;

import java.util.List;
import org.tcpsim.api.Parameter;

/**
 * One loaded plugin, as {@code tcpsim plugins} lists it.
 *
 * @param kind        what it is
 * @param name        the name JSON uses
 * @param description its one line
 * @param parameters  its declared JSON parameters (empty for the built-in workloads and loss models,
 *                    which document theirs in the README)
 * @param className   its class
 * @param source      "built-in", or the jar (or class directory) it came from
 */
public record PluginInfo(PluginKind kind, String name, String description, List<Parameter> parameters,
                         String className, String source) {
}
