package org.tcpsim.api;

import java.util.List;
import java.util.Objects;

/**
 * One parameter a plugin takes from JSON, declared once: its name, kind, default, allowed range
 * and one line of documentation. The simulator reads it from the plugin's JSON object (for a
 * congestion control, {@code "congestion_control": {"name": "cubic", "beta": 717}}), rejects
 * unknown keys and values of the wrong kind or out of range with the file, line and column, and
 * {@code tcpsim plugins} prints the declaration. Build instances with the static factories.
 *
 * @param name         the JSON key, as Linux names the module parameter where there is one ({@code bic_scale})
 * @param kind         what the value is and how users write it
 * @param defaultValue the value when the key is absent (typed as {@link Parameters} returns it), or
 *                     null when the parameter is required
 * @param min          the smallest allowed value of an INTEGER, NUMBER, DURATION, RATE or SIZE (inclusive)
 * @param max          the largest allowed value of an INTEGER, NUMBER, DURATION, RATE or SIZE (inclusive)
 * @param allowed      for a STRING, the values allowed (empty: any string)
 * @param doc          one line for {@code tcpsim plugins} and the README
 */
public record Parameter(String name, ParameterKind kind, Object defaultValue, double min, double max,
                        List<String> allowed, String doc) {
    /**
     * Checks the declaration itself (a plugin's programming error, reported when the plugin loads).
     *
     * @param name         the JSON key
     * @param kind         what the value is
     * @param defaultValue the value when absent, or null when required
     * @param min          smallest allowed value of a numeric kind
     * @param max          largest allowed value of a numeric kind
     * @param allowed      the values a STRING may take (empty: any)
     * @param doc          one line of documentation
     */
    public Parameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(doc, "doc");
        allowed = List.copyOf(allowed);
        if (!name.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("parameter name '" + name + "': letters, digits and '_' only");
        }
        if (min > max) {
            throw new IllegalArgumentException("parameter '" + name + "': min " + min + " > max " + max);
        }
    }

    /**
     * A whole number in [min, max].
     *
     * @param name the JSON key
     * @param defaultValue the value when absent
     * @param min smallest allowed value
     * @param max largest allowed value
     * @param doc one line of documentation
     * @return the declaration
     */
    public static Parameter integer(String name, long defaultValue, long min, long max, String doc) {
        return new Parameter(name, ParameterKind.INTEGER, defaultValue, min, max, List.of(), doc);
    }

    /**
     * A number in [min, max].
     *
     * @param name the JSON key
     * @param defaultValue the value when absent
     * @param min smallest allowed value
     * @param max largest allowed value
     * @param doc one line of documentation
     * @return the declaration
     */
    public static Parameter number(String name, double defaultValue, double min, double max, String doc) {
        return new Parameter(name, ParameterKind.NUMBER, defaultValue, min, max, List.of(), doc);
    }

    /**
     * A boolean ({@code true}/{@code false} or {@code 1}/{@code 0}).
     *
     * @param name the JSON key
     * @param defaultValue the value when absent
     * @param doc one line of documentation
     * @return the declaration
     */
    public static Parameter bool(String name, boolean defaultValue, String doc) {
        return new Parameter(name, ParameterKind.BOOLEAN, defaultValue, 0, 1, List.of(), doc);
    }

    /**
     * A string, one of {@code allowed} unless that is empty.
     *
     * @param name the JSON key
     * @param defaultValue the value when absent (null: required)
     * @param allowed the allowed values (empty: any)
     * @param doc one line of documentation
     * @return the declaration
     */
    public static Parameter string(String name, String defaultValue, List<String> allowed, String doc) {
        return new Parameter(name, ParameterKind.STRING, defaultValue, 0, 0, allowed, doc);
    }

    /**
     * A duration in [minNs, maxNs] nanoseconds, written with its unit ({@code "20ms"}).
     *
     * @param name the JSON key
     * @param defaultNs the value when absent, in nanoseconds
     * @param minNs smallest allowed value
     * @param maxNs largest allowed value
     * @param doc one line of documentation
     * @return the declaration
     */
    public static Parameter duration(String name, long defaultNs, long minNs, long maxNs, String doc) {
        return new Parameter(name, ParameterKind.DURATION, defaultNs, minNs, maxNs, List.of(), doc);
    }

    /**
     * A rate in [min, max] bits per second, written with its unit ({@code "10Mbps"}).
     *
     * @param name the JSON key
     * @param defaultBps the value when absent, in bits per second
     * @param minBps smallest allowed value
     * @param maxBps largest allowed value
     * @param doc one line of documentation
     * @return the declaration
     */
    public static Parameter rate(String name, long defaultBps, long minBps, long maxBps, String doc) {
        return new Parameter(name, ParameterKind.RATE, defaultBps, minBps, maxBps, List.of(), doc);
    }

    /**
     * A size in [min, max] bytes, written with its unit ({@code "64KiB"}).
     *
     * @param name the JSON key
     * @param defaultBytes the value when absent, in bytes
     * @param minBytes smallest allowed value
     * @param maxBytes largest allowed value
     * @param doc one line of documentation
     * @return the declaration
     */
    public static Parameter size(String name, long defaultBytes, long minBytes, long maxBytes, String doc) {
        return new Parameter(name, ParameterKind.SIZE, defaultBytes, minBytes, maxBytes, List.of(), doc);
    }

    /**
     * A required path to a readable file, relative to the experiment file.
     *
     * @param name the JSON key
     * @param doc one line of documentation
     * @return the declaration
     */
    public static Parameter file(String name, String doc) {
        return new Parameter(name, ParameterKind.FILE, null, 0, 0, List.of(), doc);
    }

    /**
     * A required host name of the topology.
     *
     * @param name the JSON key
     * @param doc one line of documentation
     * @return the declaration
     */
    public static Parameter host(String name, String doc) {
        return new Parameter(name, ParameterKind.HOST, null, 0, 0, List.of(), doc);
    }

    /**
     * A required endpoint ({@code "ADDRESS[:PORT]"} or {@code "HOST[:PORT]"}).
     *
     * @param name the JSON key
     * @param doc one line of documentation
     * @return the declaration
     */
    public static Parameter endpoint(String name, String doc) {
        return new Parameter(name, ParameterKind.ENDPOINT, null, 0, 0, List.of(), doc);
    }

    /**
     * This parameter without a default: the JSON must give it.
     *
     * @return the required copy
     */
    public Parameter required() {
        return new Parameter(name, kind, null, min, max, allowed, doc);
    }

    /**
     * Whether the JSON must give it (no default).
     *
     * @return true without a default
     */
    public boolean isRequired() {
        return defaultValue == null;
    }
}
