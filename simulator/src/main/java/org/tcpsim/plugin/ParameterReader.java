package org.tcpsim.plugin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tcpsim.api.Endpoint;
import org.tcpsim.api.Parameter;
import org.tcpsim.api.ParameterException;
import org.tcpsim.api.Parameters;
import org.tcpsim.app.WorkloadSetting;
import org.tcpsim.config.ConfigNode;
import org.tcpsim.net.Ipv4Address;

/**
 * Reads a plugin's declared parameters from its JSON object with the experiment's own readers,
 * so a bad value is reported like any other (file, line, column, JSON pointer, what was expected),
 * and every key not declared is an unknown key when the caller finishes the object.
 */
final class ParameterReader {
    private ParameterReader() {
    }

    /**
     * The checked values, or null when a problem was reported on {@code obj}.
     *
     * @param setting where HOST and ENDPOINT parameters are resolved; null outside workloads
     */
    static Parameters read(ConfigNode obj, List<Parameter> declared, WorkloadSetting setting) {
        int before = obj.problems().size();
        Map<String, Object> values = new LinkedHashMap<>();
        for (Parameter p : declared) {
            if (!obj.has(p.name())) {
                if (p.isRequired()) {
                    obj.problem("missing required field '" + p.name() + "' (" + p.doc() + ")");
                }
                continue;
            }
            Object v = value(obj, p, setting);
            if (v != null) {
                values.put(p.name(), v);
            }
        }
        if (obj.problems().size() > before) {
            return null;
        }
        try {
            return Parameters.of(declared, values);
        } catch (ParameterException e) {
            report(obj, declared, e);
            return null;
        }
    }

    /** A plugin's ParameterException, at its parameter's key when it names a declared one. */
    static void report(ConfigNode obj, List<Parameter> declared, ParameterException e) {
        String key = e.parameter();
        if (key != null && declared.stream().anyMatch(p -> p.name().equals(key)) && obj.has(key)) {
            obj.problemAt(key, e.getMessage());
        } else if (key != null) {
            obj.problem(key + ": " + e.getMessage());
        } else {
            obj.problem(e.getMessage());
        }
    }

    private static Object value(ConfigNode obj, Parameter p, WorkloadSetting setting) {
        String key = p.name();
        ConfigNode n = obj.get(key);
        return switch (p.kind()) {
            case INTEGER -> n.asLong((long) p.min(), (long) p.max());
            case NUMBER -> n.asDouble(p.min(), p.max());
            case BOOLEAN -> n.asBool();
            case STRING -> p.allowed().isEmpty() ? n.asString() : n.asEnum(p.allowed().toArray(String[]::new));
            case DURATION -> inRange(obj, p, n.asDurationNs(), "a duration");
            case RATE -> inRange(obj, p, n.asRateBps(), "a rate");
            case SIZE -> inRange(obj, p, n.asSizeBytes(), "a size");
            case FILE -> file(obj, key, n.asString());
            case HOST -> setting == null ? notHere(obj, p) : org.tcpsim.app.Endpoint.readHost(obj, key, setting);
            case ENDPOINT -> setting == null ? notHere(obj, p) : endpoint(obj, key, setting);
        };
    }

    private static Long inRange(ConfigNode obj, Parameter p, long v, String what) {
        if (v < p.min() || v > p.max()) {
            obj.problemAt(p.name(), "expected " + what + " in the range the plugin accepts ("
                    + (long) p.min() + " to " + (long) p.max() + " in base units), got " + obj.get(p.name()).json());
            return null;
        }
        return v;
    }

    private static Path file(ConfigNode obj, String key, String text) {
        if (text == null) {
            return null;
        }
        Path f = obj.document().baseDir().resolve(text).normalize();
        if (!Files.isRegularFile(f) || !Files.isReadable(f)) {
            obj.problemAt(key, "no readable file \"" + text + "\" (looked for " + f + ", relative to "
                    + obj.document().file() + ")");
            return null;
        }
        return f;
    }

    private static Endpoint endpoint(ConfigNode obj, String key, WorkloadSetting setting) {
        org.tcpsim.app.Endpoint e = org.tcpsim.app.Endpoint.read(obj, key, setting, null);
        return e == null ? null : new Endpoint(e.node(), Ipv4Address.format(e.address()), e.port());
    }

    private static Object notHere(ConfigNode obj, Parameter p) {
        obj.problemAt(p.name(), "a " + p.kind() + " parameter is only meaningful in a workload");
        return null;
    }
}
