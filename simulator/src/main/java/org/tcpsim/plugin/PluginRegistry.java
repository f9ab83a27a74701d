package org.tcpsim.plugin;

import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.tcpsim.api.Parameter;
import org.tcpsim.api.congestion.CongestionControlType;
import org.tcpsim.app.WorkloadType;
import org.tcpsim.net.loss.LossModelType;
import org.tcpsim.tcp.CongestionChoice;

/**
 * The plugins one command works with: the simulator's own (its classpath, found with
 * {@link ServiceLoader}) and those of the plugin jars given to it, by kind and name. Linux's
 * tcp_cong_list for congestion controls; the same idea for loss models and workload types.
 * Immutable once loaded; shared by every run of a sweep.
 */
public final class PluginRegistry {
    static final String BUILT_IN = "built-in";

    private final Map<String, WorkloadType> workloads;
    private final Map<String, LossModelType> lossModels;
    private final Map<String, CongestionControlType> congestion;
    private final List<PluginInfo> infos;
    private final String fingerprint;
    private final Map<String, CongestionChoice> congestionDefaults = new ConcurrentHashMap<>();

    private PluginRegistry(Map<String, WorkloadType> workloads, Map<String, LossModelType> lossModels,
                           Map<String, CongestionControlType> congestion, List<PluginInfo> infos, String fingerprint) {
        this.workloads = Collections.unmodifiableMap(workloads);
        this.lossModels = Collections.unmodifiableMap(lossModels);
        this.congestion = Collections.unmodifiableMap(congestion);
        this.infos = List.copyOf(infos);
        this.fingerprint = fingerprint;
    }

    private static final class Classpath {
        static final PluginRegistry INSTANCE = load(List.of());
    }

    /** The simulator's own plugins (and whatever else is on the classpath), without jars. */
    public static PluginRegistry builtin() {
        return Classpath.INSTANCE;
    }

    /**
     * The classpath's plugins and those of {@code jars} (each loaded in a class loader of its own,
     * whose parent is the simulator's, so every jar sees the same plugin API).
     *
     * @throws PluginException for a jar that is not a plugin, a class that cannot be loaded, a name
     *     used twice within one kind, or a plugin that throws while it registers
     */
    public static PluginRegistry load(List<Path> jars) {
        Registration r = new Registration();
        ClassLoader own = PluginRegistry.class.getClassLoader();
        try {
            // the simulator's built-in workloads and loss models still implement its internal types
            for (WorkloadType t : ServiceLoader.load(WorkloadType.class, own)) {
                r.add(PluginKind.WORKLOAD, t, t::name, t::description, List::of, sourceOf(t.getClass()));
            }
            for (LossModelType t : ServiceLoader.load(LossModelType.class, own)) {
                r.add(PluginKind.LOSS_MODEL, t, t::name, t::description, List::of, sourceOf(t.getClass()));
            }
            for (CongestionControlType t : ServiceLoader.load(CongestionControlType.class, own)) {
                r.addApi(PluginKind.CONGESTION_CONTROL, t, sourceOf(t.getClass()));
            }
            for (org.tcpsim.api.loss.LossModelType t : ServiceLoader.load(org.tcpsim.api.loss.LossModelType.class, own)) {
                r.addApi(PluginKind.LOSS_MODEL, t, sourceOf(t.getClass()));
            }
            for (org.tcpsim.api.workload.WorkloadType t
                    : ServiceLoader.load(org.tcpsim.api.workload.WorkloadType.class, own)) {
                r.addApi(PluginKind.WORKLOAD, t, sourceOf(t.getClass()));
            }
        } catch (ServiceConfigurationError e) {
            throw new PluginException("a plugin on the classpath cannot be loaded: " + e.getMessage());
        }
        StringBuilder fingerprint = new StringBuilder();
        for (Path jar : jars) {
            for (PluginJar.Loaded p : PluginJar.open(jar)) {
                r.addApi(p.kind(), p.plugin(), jar.toString());
            }
            fingerprint.append(fingerprint.length() == 0 ? "" : ",").append(jar.getFileName()).append('=')
                    .append(PluginJar.sha256(jar));
        }
        return new PluginRegistry(r.workloads, r.lossModels, r.congestion, r.infos, fingerprint.toString());
    }

    /**
     * The jars loaded, by file name and SHA-256 of their content ("" without jars): runs made
     * with other plugin code are not taken for finished ones.
     */
    public String fingerprint() {
        return fingerprint;
    }

    /** Where a class was loaded from: "built-in" for the simulator's own classes, else its jar or directory. */
    static String sourceOf(Class<?> c) {
        CodeSource own = PluginRegistry.class.getProtectionDomain().getCodeSource();
        CodeSource src = c.getProtectionDomain().getCodeSource();
        if (src == null || src.getLocation() == null) {
            return "?";
        }
        if (own != null && src.getLocation().equals(own.getLocation())) {
            return BUILT_IN;
        }
        try {
            return Path.of(src.getLocation().toURI()).toString();
        } catch (Exception e) {
            return src.getLocation().toString();
        }
    }

    /** Workload types by JSON name, sorted. */
    public Map<String, WorkloadType> workloadTypes() {
        return workloads;
    }

    /** Loss models by JSON name, sorted. */
    public Map<String, LossModelType> lossModels() {
        return lossModels;
    }

    /** Congestion controls by name, sorted (Linux: net.ipv4.tcp_available_congestion_control). */
    public Map<String, CongestionControlType> congestionControls() {
        return congestion;
    }

    /** Every plugin, by kind then name, for `tcpsim plugins`. */
    public List<PluginInfo> list() {
        return infos;
    }

    /** The plugin of that kind and name, or null. */
    public PluginInfo info(PluginKind kind, String name) {
        for (PluginInfo i : infos) {
            if (i.kind() == kind && i.name().equals(name)) {
                return i;
            }
        }
        return null;
    }

    /**
     * The named congestion control with its default parameters (what TCP_CONGESTION and the
     * sysctl name), configured once per registry.
     *
     * @throws IllegalArgumentException if none has that name
     * @throws PluginException if the module rejects its own defaults
     */
    public CongestionChoice congestionDefaults(String name) {
        CongestionControlType type = congestion.get(name);
        if (type == null) {
            throw new IllegalArgumentException("no congestion control named '" + name + "'");
        }
        return congestionDefaults.computeIfAbsent(name, n -> {
            try {
                CongestionChoice c = CongestionChoice.defaults(type);
                String bad = CongestionChoice.missingHooks(c.factory());
                if (bad != null) {
                    throw new PluginException("congestion control '" + n + "' (" + info(PluginKind.CONGESTION_CONTROL, n)
                            .source() + ") " + bad);
                }
                return c;
            } catch (PluginException e) {
                throw e;
            } catch (RuntimeException | LinkageError e) {
                throw new PluginException("congestion control '" + n + "' (" + info(PluginKind.CONGESTION_CONTROL, n)
                        .source() + ") failed with its default parameters: " + e);
            }
        });
    }

    /** Collects plugins by kind, refusing a second plugin of one kind with one name. */
    private static final class Registration {
        final Map<String, WorkloadType> workloads = new TreeMap<>();
        final Map<String, LossModelType> lossModels = new TreeMap<>();
        final Map<String, CongestionControlType> congestion = new TreeMap<>();
        final Map<String, PluginInfo> byKey = new TreeMap<>();
        final List<PluginInfo> infos = new ArrayList<>();

        interface Call<T> {
            T get();
        }

        /** A plugin of the API: adapted to the simulator's internal types where those differ. */
        void addApi(PluginKind kind, Object plugin, String source) {
            switch (kind) {
                case CONGESTION_CONTROL -> {
                    CongestionControlType t = (CongestionControlType) plugin;
                    add(kind, t, t::name, t::description, t::parameters, source);
                }
                case LOSS_MODEL -> {
                    org.tcpsim.api.loss.LossModelType t = (org.tcpsim.api.loss.LossModelType) plugin;
                    add(kind, t, t::name, t::description, t::parameters, source);
                }
                case WORKLOAD -> {
                    org.tcpsim.api.workload.WorkloadType t = (org.tcpsim.api.workload.WorkloadType) plugin;
                    add(kind, t, t::name, t::description, t::parameters, source);
                }
            }
        }

        void add(PluginKind kind, Object plugin, Call<String> name, Call<String> description,
                 Call<List<Parameter>> parameters, String source) {
            String cls = plugin.getClass().getName();
            String n = call(kind, cls, source, "name()", name);
            String d = call(kind, cls, source, "description()", description);
            List<Parameter> params = call(kind, cls, source, "parameters()", parameters);
            PluginChecks.check(kind, cls, source, n, params);
            PluginInfo info = new PluginInfo(kind, n, d == null ? "" : d, List.copyOf(params), cls, source);
            PluginInfo previous = byKey.putIfAbsent(kind + "/" + n, info);
            if (previous != null) {
                // Linux: tcp_register_congestion_control() refuses a second module of one name (EEXIST)
                throw new PluginException("two " + kind.label() + "s are named '" + n + "': " + previous.className()
                        + " (" + previous.source() + ") and " + cls + " (" + source + ")");
            }
            infos.add(info);
            infos.sort((a, b) -> a.kind() != b.kind() ? a.kind().compareTo(b.kind()) : a.name().compareTo(b.name()));
            switch (kind) {
                case CONGESTION_CONTROL -> congestion.put(n, (CongestionControlType) plugin);
                case LOSS_MODEL -> lossModels.put(n, plugin instanceof LossModelType t ? t
                        : new ApiLossModelType((org.tcpsim.api.loss.LossModelType) plugin, info));
                case WORKLOAD -> workloads.put(n, plugin instanceof WorkloadType t ? t
                        : new ApiWorkloadType((org.tcpsim.api.workload.WorkloadType) plugin, info));
            }
        }

        private static <T> T call(PluginKind kind, String cls, String source, String method, Call<T> call) {
            try {
                T v = call.get();
                if (v == null) {
                    throw new PluginException(kind.label() + " " + cls + " (" + source + "): " + method + " returned null");
                }
                return v;
            } catch (PluginException e) {
                throw e;
            } catch (RuntimeException | LinkageError e) {
                throw new PluginException(kind.label() + " " + cls + " (" + source + ") failed in " + method + ": " + e);
            }
        }
    }
}
