package org.tcpsim.api;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The values of a plugin's declared {@link Parameter}s for one configuration, checked by the
 * simulator against the declarations (kind, range, allowed values, required) and completed with
 * the defaults. Immutable. A plugin's own tests build one with {@link #of}.
 */
public final class Parameters {
    private final Map<String, Parameter> declared;
    private final Map<String, Object> values;
    private final Set<String> given;

    private Parameters(Map<String, Parameter> declared, Map<String, Object> values, Set<String> given) {
        this.declared = declared;
        this.values = values;
        this.given = given;
    }

    /**
     * The values {@code given} (typed as the accessors return them: Long for INTEGER, DURATION
     * in ns, RATE in bit/s and SIZE in bytes; Double for NUMBER; Boolean; String for STRING and
     * HOST; Path for FILE; Endpoint for ENDPOINT), the defaults for the rest.
     *
     * @param declarations what the plugin declares
     * @param given        values by name
     * @return the parameters
     * @throws ParameterException if a value is missing, undeclared, of the wrong type or out of range
     */
    public static Parameters of(List<Parameter> declarations, Map<String, ?> given) {
        Map<String, Parameter> declared = new LinkedHashMap<>();
        for (Parameter p : declarations) {
            if (declared.put(p.name(), p) != null) {
                throw new IllegalArgumentException("parameter '" + p.name() + "' is declared twice");
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : given.entrySet()) {
            Parameter p = declared.get(e.getKey());
            if (p == null) {
                throw new ParameterException(e.getKey(), "unknown parameter (declared: "
                        + String.join(", ", declared.keySet()) + ")");
            }
            values.put(e.getKey(), check(p, e.getValue()));
        }
        for (Parameter p : declared.values()) {
            if (!values.containsKey(p.name())) {
                if (p.isRequired()) {
                    throw new ParameterException(null, "missing required parameter '" + p.name() + "' (" + p.doc() + ")");
                }
                values.put(p.name(), p.defaultValue());
            }
        }
        return new Parameters(Collections.unmodifiableMap(declared), Collections.unmodifiableMap(values),
                Set.copyOf(given.keySet()));
    }

    /**
     * Every parameter at its default.
     *
     * @param declarations what the plugin declares (none may be required)
     * @return the parameters
     */
    public static Parameters defaults(List<Parameter> declarations) {
        return of(declarations, Map.of());
    }

    private static Object check(Parameter p, Object v) {
        Class<?> type = switch (p.kind()) {
            case INTEGER, DURATION, RATE, SIZE -> Long.class;
            case NUMBER -> Double.class;
            case BOOLEAN -> Boolean.class;
            case STRING, HOST -> String.class;
            case FILE -> Path.class;
            case ENDPOINT -> Endpoint.class;
        };
        if (v instanceof Integer i && type == Long.class) {
            v = i.longValue();
        }
        if (!type.isInstance(v)) {
            throw new ParameterException(p.name(), "expected a " + type.getSimpleName() + ", got " + v);
        }
        if (v instanceof Long l && (l < p.min() || l > p.max())) {
            throw new ParameterException(p.name(), "expected a value in [" + (long) p.min() + ", " + (long) p.max()
                    + "], got " + l);
        }
        if (v instanceof Double d && !(d >= p.min() && d <= p.max())) {
            throw new ParameterException(p.name(), "expected a value in [" + p.min() + ", " + p.max() + "], got " + d);
        }
        if (v instanceof String s && p.kind() == ParameterKind.STRING && !p.allowed().isEmpty()
                && !p.allowed().contains(s)) {
            throw new ParameterException(p.name(), "expected one of " + p.allowed() + ", got \"" + s + "\"");
        }
        return v;
    }

    private Object get(String name, ParameterKind... kinds) {
        Parameter p = declared.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no parameter '" + name + "' is declared");
        }
        for (ParameterKind k : kinds) {
            if (p.kind() == k) {
                return values.get(name);
            }
        }
        throw new IllegalArgumentException("parameter '" + name + "' is a " + p.kind());
    }

    /**
     * @param name an INTEGER parameter
     * @return its value
     */
    public long integer(String name) {
        return (Long) get(name, ParameterKind.INTEGER);
    }

    /**
     * @param name a NUMBER parameter
     * @return its value
     */
    public double number(String name) {
        return (Double) get(name, ParameterKind.NUMBER);
    }

    /**
     * @param name a BOOLEAN parameter
     * @return its value
     */
    public boolean bool(String name) {
        return (Boolean) get(name, ParameterKind.BOOLEAN);
    }

    /**
     * @param name a STRING parameter
     * @return its value (null only for an optional string without default)
     */
    public String string(String name) {
        return (String) get(name, ParameterKind.STRING);
    }

    /**
     * @param name a DURATION parameter
     * @return its value in nanoseconds
     */
    public long durationNs(String name) {
        return (Long) get(name, ParameterKind.DURATION);
    }

    /**
     * @param name a RATE parameter
     * @return its value in bits per second
     */
    public long rateBps(String name) {
        return (Long) get(name, ParameterKind.RATE);
    }

    /**
     * @param name a SIZE parameter
     * @return its value in bytes
     */
    public long sizeBytes(String name) {
        return (Long) get(name, ParameterKind.SIZE);
    }

    /**
     * @param name a FILE parameter
     * @return the file, resolved against the experiment file's directory
     */
    public Path file(String name) {
        return (Path) get(name, ParameterKind.FILE);
    }

    /**
     * @param name a HOST parameter
     * @return the host's node name
     */
    public String host(String name) {
        return (String) get(name, ParameterKind.HOST);
    }

    /**
     * @param name an ENDPOINT parameter
     * @return the endpoint, resolved against the topology
     */
    public Endpoint endpoint(String name) {
        return (Endpoint) get(name, ParameterKind.ENDPOINT);
    }

    /**
     * Whether the JSON gave the parameter (else its value is the default).
     *
     * @param name a declared parameter
     * @return true when given explicitly
     */
    public boolean isSet(String name) {
        get(name, ParameterKind.values());
        return given.contains(name);
    }

    /**
     * Every value by name, in declaration order (defaults included): what identifies this configuration.
     *
     * @return an unmodifiable map
     */
    public Map<String, Object> asMap() {
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Parameters other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
