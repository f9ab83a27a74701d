package org.tcpsim.kernel;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * One sysctl knob: its exact Linux dotted name, value syntax, one line of documentation and,
 * per kernel profile that has it, the default value and the range the kernel's proc handler
 * accepts. A kernel missing from {@link #variants()} does not have the knob at all.
 *
 * @param name     exact Linux name, e.g. {@code net.ipv4.tcp_tw_reuse}
 * @param type     value syntax
 * @param doc      one line (README tables, CLI help), citing the kernel source where known
 * @param unit     unit of the value(s) ("s", "ms", "us", "bytes", "pages", "packets", ...), "" if none
 * @param elements names of the vector elements (e.g. LOW, HIGH); empty for non-vectors
 * @param syntax   what a valid value looks like, for error messages
 * @param example  an example value in Linux text syntax
 * @param history  version history used in "does not exist" messages (e.g. "removed in 4.12"), or null
 * @param variants per kernel: default and accepted range; unmodifiable
 */
public record SysctlSpec(
        String name,
        SysctlType type,
        String doc,
        String unit,
        List<String> elements,
        String syntax,
        String example,
        String history,
        Map<KernelVersion, Variant> variants) {

    /**
     * How one kernel profile has the knob.
     *
     * @param defaultText the boot-time default in Linux text syntax, as a function of host memory
     * @param defaultRule null for a fixed default; otherwise the memory rule, e.g. "ehash_entries/2"
     * @param min         smallest value the proc handler accepts (each element, for vectors)
     * @param max         largest value the proc handler accepts (each element, for vectors)
     * @param rangeNote   extra words for range errors (e.g. "0 = off, 1 = on"), or null
     */
    public record Variant(Function<HostMemory, String> defaultText, String defaultRule,
                          long min, long max, String rangeNote) {
        public Variant {
            Objects.requireNonNull(defaultText, "defaultText");
            if (min > max) {
                throw new IllegalArgumentException("min > max");
            }
        }

        /** True when the default depends on host memory. */
        public boolean memoryDerived() {
            return defaultRule != null;
        }
    }

    public SysctlSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(doc, "doc");
        Objects.requireNonNull(syntax, "syntax");
        Objects.requireNonNull(example, "example");
        unit = unit == null ? "" : unit;
        elements = List.copyOf(elements == null ? List.of() : elements);
        if (doc.isBlank() || doc.indexOf('\n') >= 0) {
            throw new IllegalArgumentException(name + ": doc must be exactly one non-blank line");
        }
        if ((type == SysctlType.INT_VECTOR) != (elements.size() >= 2)) {
            throw new IllegalArgumentException(name + ": vectors need >= 2 named elements, others none");
        }
        if (variants == null || variants.isEmpty()) {
            throw new IllegalArgumentException(name + ": exists on no kernel");
        }
        variants = Collections.unmodifiableMap(new EnumMap<>(variants));
    }

    /** Number of integers in a value: 1 for scalars, 2 or 3 for vectors, 0 for lists and strings. */
    public int arity() {
        return switch (type) {
            case INT, BOOL_INT -> 1;
            case INT_VECTOR -> elements.size();
            case PORT_LIST, STRING_CHOICE -> 0;
        };
    }

    /** True if the knob exists on kernel {@code k}. */
    public boolean existsOn(KernelVersion k) {
        return variants.containsKey(k);
    }

    /** The kernels that have the knob. */
    public Set<KernelVersion> kernels() {
        return Collections.unmodifiableSet(EnumSet.copyOf(variants.keySet()));
    }

    /** The variant for kernel {@code k}, if the knob exists there. */
    public Optional<Variant> variant(KernelVersion k) {
        return Optional.ofNullable(variants.get(k));
    }

    /** Default value text on kernel {@code k} for a host with memory {@code memory}. */
    public String defaultText(KernelVersion k, HostMemory memory) {
        return require(k).defaultText().apply(memory);
    }

    /** Smallest accepted value (per element) on kernel {@code k}. */
    public long min(KernelVersion k) {
        return require(k).min();
    }

    /** Largest accepted value (per element) on kernel {@code k}. */
    public long max(KernelVersion k) {
        return require(k).max();
    }

    /** True if the default on any kernel depends on host memory. */
    public boolean memoryDerived() {
        return variants.values().stream().anyMatch(Variant::memoryDerived);
    }

    private Variant require(KernelVersion k) {
        Variant v = variants.get(k);
        if (v == null) {
            throw new IllegalArgumentException(name + " does not exist on kernel " + k.label());
        }
        return v;
    }
}
