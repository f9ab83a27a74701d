package org.tcpsim.kernel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Every sysctl the simulator knows, on every kernel profile. Immutable; one instance. */
public final class SysctlRegistry {
    private static final SysctlRegistry LINUX = new SysctlRegistry();

    private final Map<String, SysctlSpec> byName;
    private final List<SysctlSpec> sorted;

    private SysctlRegistry() {
        List<SysctlSpec> specs = new ArrayList<>();
        specs.addAll(TcpSysctlSpecs.all());
        specs.addAll(NetSysctlSpecs.all());
        specs.addAll(NetfilterSysctlSpecs.all());
        specs.sort(Comparator.comparing(SysctlSpec::name));
        Map<String, SysctlSpec> map = new LinkedHashMap<>();
        for (SysctlSpec s : specs) {
            if (map.put(s.name(), s) != null) {
                throw new IllegalStateException("duplicate sysctl " + s.name());
            }
        }
        this.byName = Map.copyOf(map);
        this.sorted = List.copyOf(specs);
    }

    /** The registry of Linux sysctls. */
    public static SysctlRegistry linux() {
        return LINUX;
    }

    /** The spec of the sysctl with exactly this name. */
    public Optional<SysctlSpec> find(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(byName.get(name));
    }

    /** All specs, sorted by name. */
    public List<SysctlSpec> all() {
        return sorted;
    }

    /** The specs that exist on kernel {@code k}, sorted by name. */
    public List<SysctlSpec> on(KernelVersion k) {
        return sorted.stream().filter(s -> s.existsOn(k)).toList();
    }

    /**
     * The known name closest to {@code unknownName} (edit distance; '/' read as '.', case ignored,
     * a bare last component such as "tcp_tw_reuse" matched against last components), or null
     * when nothing is reasonably close.
     */
    public String suggest(String unknownName) {
        if (unknownName == null || unknownName.isBlank()) {
            return null;
        }
        String wanted = unknownName.strip().replace('/', '.').toLowerCase(Locale.ROOT);
        String wantedLeaf = leaf(wanted);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (SysctlSpec s : sorted) {
            String name = s.name();
            if (leaf(name).equals(wantedLeaf)) {
                return name; // right knob, wrong or missing prefix
            }
            int d = distance(wanted, wanted.indexOf('.') < 0 ? leaf(name) : name);
            if (d < bestDistance) {
                bestDistance = d;
                best = name;
            }
        }
        return bestDistance <= Math.max(2, wanted.length() / 4) ? best : null;
    }

    private static String leaf(String name) {
        return name.substring(name.lastIndexOf('.') + 1);
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
