package org.tcpsim.kernel;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Terse construction of {@link SysctlSpec}s for the spec tables. */
final class SpecBuilder {
    static final long INT_MIN = Integer.MIN_VALUE;
    static final long INT_MAX = Integer.MAX_VALUE;
    static final long U8_MAX = 255;
    static final long ULONG_MAX = Long.MAX_VALUE; // unsigned long, limited to what a Java long holds
    /** Jiffies per second assumed for jiffies-backed sysctls (CONFIG_HZ=1000, usual on x86 distros). */
    static final long HZ = 1000;
    /** proc_dointvec_jiffies accepts |seconds| <= INT_MAX/HZ (do_proc_dointvec_jiffies_conv). */
    static final long JIFFY_SECONDS_MAX = INT_MAX / HZ;

    private static final String[] COUNT_WORDS = {"", "one", "two", "three"};

    private final String name;
    private final SysctlType type;
    private final List<String> elements;
    private String doc;
    private String unit = "";
    private String syntax;
    private String example;
    private String history;
    private final Map<KernelVersion, SysctlSpec.Variant> variants = new EnumMap<>(KernelVersion.class);

    private SpecBuilder(String name, SysctlType type, List<String> elements) {
        this.name = name;
        this.type = type;
        this.elements = elements;
    }

    static SpecBuilder integer(String name) {
        return new SpecBuilder(name, SysctlType.INT, List.of());
    }

    static SpecBuilder bool(String name) {
        return new SpecBuilder(name, SysctlType.BOOL_INT, List.of());
    }

    static SpecBuilder vector(String name, String... elements) {
        return new SpecBuilder(name, SysctlType.INT_VECTOR, List.of(elements));
    }

    static SpecBuilder ports(String name) {
        return new SpecBuilder(name, SysctlType.PORT_LIST, List.of());
    }

    static SpecBuilder choice(String name) {
        return new SpecBuilder(name, SysctlType.STRING_CHOICE, List.of());
    }

    SpecBuilder doc(String doc) {
        this.doc = doc;
        return this;
    }

    SpecBuilder unit(String unit) {
        this.unit = unit;
        return this;
    }

    SpecBuilder syntax(String syntax) {
        this.syntax = syntax;
        return this;
    }

    SpecBuilder history(String history) {
        this.history = history;
        return this;
    }

    /** The knob exists on {@code k} with a fixed default and accepted range. */
    SpecBuilder on(KernelVersion k, String def, long min, long max) {
        return on(k, def, min, max, null);
    }

    SpecBuilder on(KernelVersion k, String def, long min, long max, String rangeNote) {
        variants.put(k, new SysctlSpec.Variant(m -> def, null, min, max, rangeNote));
        return this;
    }

    /** The knob exists on {@code k} with a default computed from host memory by {@code rule}. */
    SpecBuilder onMemory(KernelVersion k, Function<HostMemory, String> def, String rule, long min, long max) {
        variants.put(k, new SysctlSpec.Variant(def, rule, min, max, null));
        return this;
    }

    SysctlSpec build() {
        KernelVersion first = variants.containsKey(KernelVersion.newest())
                ? KernelVersion.newest() : variants.keySet().iterator().next();
        if (example == null) {
            example = variants.get(first).defaultText().apply(HostMemory.standard());
        }
        if (syntax == null) {
            syntax = defaultSyntax();
        }
        return new SysctlSpec(name, type, doc, unit, elements, syntax, example, history, variants);
    }

    private String defaultSyntax() {
        String in = unit.isEmpty() ? "" : " (" + unit + ")";
        String eg = "e.g. \"" + example + "\"";
        return switch (type) {
            case INT -> "an integer" + in + ", " + eg;
            case BOOL_INT -> "0 or 1, " + eg;
            case INT_VECTOR -> COUNT_WORDS[elements.size()] + " integers \"" + String.join(" ", elements) + "\""
                    + in + ", " + eg;
            case PORT_LIST -> "ports and LOW-HIGH ranges separated by commas, without blanks, "
                    + "e.g. \"8080,9000-9100\" (\"\" for none)";
            case STRING_CHOICE -> "a name of at most " + SysctlParser.CA_NAME_MAX + " characters without blanks, "
                    + eg;
        };
    }

    /** Formats numbers as Linux text with spaces (the parser accepts any blanks). */
    static String text(long... values) {
        StringBuilder sb = new StringBuilder();
        for (long v : values) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(v);
        }
        return sb.toString();
    }
}
