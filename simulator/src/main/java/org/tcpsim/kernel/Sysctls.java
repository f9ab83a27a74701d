package org.tcpsim.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.BitSet;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The resolved sysctl values of one host: its kernel profile's defaults (some derived from
 * its RAM) with the experiment's writes applied in order. Immutable; {@link #with} returns a
 * new instance.
 *
 * <p>Reading a name that is not in the registry, does not exist on this kernel (check with
 * {@link #has}) or has another type is a programming error: {@link IllegalArgumentException}.
 */
public final class Sysctls {
    private final KernelVersion kernel;
    private final HostMemory memory;
    private final SortedMap<String, SysctlValue> values;
    /** Null, or where the getters note each name they are asked for (see {@link #recordingReads}). */
    private final Set<String> reads;

    private Sysctls(KernelVersion kernel, HostMemory memory, SortedMap<String, SysctlValue> values) {
        this(kernel, memory, values, null);
    }

    private Sysctls(KernelVersion kernel, HostMemory memory, SortedMap<String, SysctlValue> values, Set<String> reads) {
        this.kernel = kernel;
        this.memory = memory;
        this.values = Collections.unmodifiableSortedMap(values);
        this.reads = reads;
    }

    /**
     * The same values, noting in {@code into} the name of every sysctl read through a getter: how
     * the simulator finds out which sysctls its models read (the others are accepted, not modelled).
     */
    public Sysctls recordingReads(Set<String> into) {
        return new Sysctls(kernel, memory, values, Objects.requireNonNull(into, "into"));
    }

    /** Boot-time defaults of kernel {@code k} on a host with {@code memoryBytes} of RAM. */
    public static Sysctls defaults(KernelVersion k, long memoryBytes) {
        return defaults(k, HostMemory.of(memoryBytes));
    }

    /**
     * Boot-time defaults of kernel {@code k} on a host with the given memory. Immutable, so one
     * instance serves every host of that kernel and size: parsing the registry's defaults for
     * each of 20 000 hosts took seconds of set-up.
     */
    public static Sysctls defaults(KernelVersion k, HostMemory memory) {
        Objects.requireNonNull(k, "kernel");
        Objects.requireNonNull(memory, "memory");
        return DEFAULTS.computeIfAbsent(new DefaultsKey(k, memory.bytes()), key -> parseDefaults(k, memory));
    }

    private record DefaultsKey(KernelVersion kernel, long memoryBytes) {
    }

    private static final ConcurrentMap<DefaultsKey, Sysctls> DEFAULTS = new ConcurrentHashMap<>();

    private static Sysctls parseDefaults(KernelVersion k, HostMemory memory) {
        SortedMap<String, SysctlValue> map = new TreeMap<>();
        for (SysctlSpec spec : SysctlRegistry.linux().on(k)) {
            String text = spec.defaultText(k, memory);
            try {
                map.put(spec.name(), SysctlParser.parseText(spec, k, text));
            } catch (SysctlException e) {
                throw new IllegalStateException("bad default in registry: " + e.getMessage(), e);
            }
        }
        return new Sysctls(k, memory, map);
    }

    /** Boot-time defaults of kernel {@code k} on a host of the default size (16 GiB). */
    public static Sysctls defaults(KernelVersion k) {
        return defaults(k, HostMemory.standard());
    }

    /**
     * This host with one sysctl written. Accepts the Linux text syntax in a JSON string
     * ("32768 60999", "4096 131072 6291456" with any blanks, "1"), JSON integers for scalars,
     * JSON arrays of integers for vectors, and for port lists a number or an array of numbers
     * and "LOW-HIGH" strings.
     *
     * @throws SysctlException if the name is unknown or not on this kernel, or Linux would refuse the value
     */
    public Sysctls with(String name, JsonNode value) throws SysctlException {
        SysctlSpec spec = SysctlRegistry.linux().find(name).orElseThrow(() -> unknown(name));
        if (!spec.existsOn(kernel)) {
            throw notOnKernel(spec);
        }
        SysctlValue parsed = SysctlParser.parse(spec, kernel, value);
        CrossChecks.check(this, spec, parsed);
        SortedMap<String, SysctlValue> copy = new TreeMap<>(values);
        copy.put(name, parsed);
        return new Sysctls(kernel, memory, copy);
    }

    /** Same as {@link #with(String, JsonNode)} with Linux text, e.g. from {@code --set} or sysctl.conf. */
    public Sysctls with(String name, String linuxText) throws SysctlException {
        return with(name, linuxText == null ? null : TextNode.valueOf(linuxText));
    }

    public KernelVersion kernel() {
        return kernel;
    }

    public HostMemory memory() {
        return memory;
    }

    /** True if the sysctl exists on this host's kernel. */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** A scalar whose range fits an int (use {@link #getLong} for fs.file-max). */
    public int getInt(String name) {
        SysctlSpec spec = scalar(name);
        SysctlSpec.Variant v = spec.variant(kernel).orElseThrow();
        if (v.min() < Integer.MIN_VALUE || v.max() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " does not fit an int; use getLong");
        }
        return (int) value(name).numbersView()[0];
    }

    /** Any integer scalar. */
    public long getLong(String name) {
        scalar(name);
        return value(name).numbersView()[0];
    }

    /** A BOOL_INT switch: true if non-zero. */
    public boolean getBool(String name) {
        requireType(name, SysctlType.BOOL_INT);
        return value(name).numbersView()[0] != 0;
    }

    /** A copy of a vector's elements (e.g. tcp_rmem MIN, DEFAULT, MAX). */
    public long[] getVector(String name) {
        requireType(name, SysctlType.INT_VECTOR);
        return value(name).numbers();
    }

    /** A copy of a port list as a set of port numbers. */
    public BitSet getPortSet(String name) {
        requireType(name, SysctlType.PORT_LIST);
        return value(name).ports();
    }

    /** A string-valued sysctl (tcp_congestion_control). */
    public String getString(String name) {
        requireType(name, SysctlType.STRING_CHOICE);
        return value(name).string();
    }

    /** The value as {@code sysctl -n} prints it (vector elements tab-separated). */
    public String text(String name) {
        spec(name);
        return value(name).text();
    }

    /** Every sysctl of this kernel with its text, sorted by name (for run.json). */
    public SortedMap<String, String> asText() {
        SortedMap<String, String> out = new TreeMap<>();
        values.forEach((k, v) -> out.put(k, v.text()));
        return Collections.unmodifiableSortedMap(out);
    }

    /** The sysctls whose value differs from this kernel's default for this host's memory. */
    public SortedMap<String, String> changedFromDefaults() {
        Sysctls base = defaults(kernel, memory);
        SortedMap<String, String> out = new TreeMap<>();
        values.forEach((k, v) -> {
            if (!v.equals(base.values.get(k))) {
                out.put(k, v.text());
            }
        });
        return Collections.unmodifiableSortedMap(out);
    }

    private SysctlSpec spec(String name) {
        return SysctlRegistry.linux().find(name)
                .orElseThrow(() -> new IllegalArgumentException("unknown sysctl '" + name + "'"));
    }

    private SysctlValue value(String name) {
        if (reads != null) {
            reads.add(name);
        }
        SysctlValue v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException(name + " does not exist on kernel " + kernel.label());
        }
        return v;
    }

    private SysctlSpec scalar(String name) {
        SysctlSpec spec = spec(name);
        if (!spec.type().isScalarNumber()) {
            throw new IllegalArgumentException(name + " is " + spec.type() + ", not an integer scalar");
        }
        value(name);
        return spec;
    }

    private void requireType(String name, SysctlType type) {
        SysctlSpec spec = spec(name);
        if (spec.type() != type) {
            throw new IllegalArgumentException(name + " is " + spec.type() + ", not " + type);
        }
        value(name);
    }

    private SysctlException unknown(String name) {
        String suggestion = SysctlRegistry.linux().suggest(name);
        String message = "unknown sysctl '" + name + "'"
                + (suggestion == null ? "" : " (did you mean '" + suggestion + "'?)");
        return new SysctlException(SysctlException.Kind.UNKNOWN, name, message);
    }

    private SysctlException notOnKernel(SysctlSpec spec) {
        KernelVersion other = spec.kernels().iterator().next();
        String history = spec.history() == null ? "" : " (" + spec.history() + ")";
        return new SysctlException(SysctlException.Kind.NOT_ON_KERNEL, spec.name(),
                spec.name() + " does not exist on kernel " + kernel.label() + history
                        + "; use \"kernel\": \"" + other.label() + "\"");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sysctls s && s.kernel == kernel && s.memory.equals(memory) && s.values.equals(values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kernel, memory, values);
    }

    @Override
    public String toString() {
        return "Sysctls{kernel " + kernel.label() + ", " + memory + ", " + values.size() + " values}";
    }
}
