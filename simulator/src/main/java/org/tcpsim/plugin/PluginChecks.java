package org.tcpsim.plugin;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tcpsim.api.Parameter;

/** What a plugin's registration must satisfy: a usable name, parameters that do not shadow the keys the simulator reads. */
final class PluginChecks {
    /** TCP_CA_NAME_MAX (include/net/tcp.h) counts the terminating NUL. */
    static final int CA_NAME_MAX = 16 - 1;

    private PluginChecks() {
    }

    /** Keys of a plugin's JSON object that the simulator reads itself. */
    static Set<String> reserved(PluginKind kind) {
        return switch (kind) {
            case CONGESTION_CONTROL -> Set.of("name");
            case LOSS_MODEL -> Set.of("model");
            case WORKLOAD -> Set.of("type", "name", "sockopt", "congestion_control");
        };
    }

    static void check(PluginKind kind, String cls, String source, String name, List<Parameter> params) {
        String who = kind.label() + " " + cls + " (" + source + ")";
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new PluginException(who + " has an invalid name '" + name + "' (letters, digits, '.', '_', '-')");
        }
        if (kind == PluginKind.CONGESTION_CONTROL && name.length() > CA_NAME_MAX) {
            throw new PluginException(who + " has a name longer than " + CA_NAME_MAX
                    + " characters: '" + name + "' (TCP_CA_NAME_MAX)");
        }
        Set<String> seen = new HashSet<>();
        for (Parameter p : params) {
            if (p == null) {
                throw new PluginException(who + " declares a null parameter");
            }
            if (!seen.add(p.name())) {
                throw new PluginException(who + " declares parameter '" + p.name() + "' twice");
            }
            if (reserved(kind).contains(p.name())) {
                throw new PluginException(who + " declares parameter '" + p.name() + "', a key the simulator reads itself ("
                        + String.join(", ", reserved(kind)) + ")");
            }
        }
    }
}
