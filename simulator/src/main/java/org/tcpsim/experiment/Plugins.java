package org.tcpsim.experiment;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;
import org.tcpsim.app.WorkloadType;
import org.tcpsim.net.loss.LossModelType;

/**
 * The models found on the classpath through {@link ServiceLoader}, as Linux finds its loaded
 * modules: workload types and loss models, each by the name JSON uses.
 */
public final class Plugins {
    private static final Plugins INSTANCE = new Plugins();

    private final Map<String, WorkloadType> workloads;
    private final Map<String, LossModelType> lossModels;

    private Plugins() {
        workloads = load(WorkloadType.class, WorkloadType::name);
        lossModels = load(LossModelType.class, LossModelType::name);
    }

    public static Plugins get() {
        return INSTANCE;
    }

    public Map<String, WorkloadType> workloadTypes() {
        return workloads;
    }

    public Map<String, LossModelType> lossModels() {
        return lossModels;
    }

    private static <T> Map<String, T> load(Class<T> type, Function<T, String> name) {
        Map<String, T> out = new TreeMap<>();
        for (T plugin : ServiceLoader.load(type, Plugins.class.getClassLoader())) {
            T previous = out.putIfAbsent(name.apply(plugin), plugin);
            if (previous != null) {
                throw new IllegalStateException("two " + type.getSimpleName() + " plugins are named '"
                        + name.apply(plugin) + "': " + previous.getClass().getName() + " and "
                        + plugin.getClass().getName());
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** For messages: "a, b, c". */
    static String names(Map<String, ?> plugins) {
        return String.join(", ", List.copyOf(plugins.keySet()));
    }
}
