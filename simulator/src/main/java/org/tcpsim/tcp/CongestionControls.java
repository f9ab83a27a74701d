package org.tcpsim.tcp;

import java.util.Collections;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.tcpsim.api.Parameters;
import org.tcpsim.api.congestion.CongestionControlFactory;
import org.tcpsim.api.congestion.CongestionControlType;

/**
 * The congestion-control modules found on the classpath, by name: Linux's tcp_cong_list, filled
 * by {@link ServiceLoader} instead of tcp_register_congestion_control(). Read-only once loaded.
 */
public final class CongestionControls {
    /** TCP_CA_NAME_MAX (include/net/tcp.h) counts the terminating NUL. */
    static final int NAME_MAX = 16 - 1;

    private CongestionControls() {
    }

    private record Module(CongestionControlType type, CongestionControlFactory defaults) {
    }

    private static final class Loaded {
        static final Map<String, Module> MODULES = load();
    }

    /** Name to module, sorted by name (Linux: net.ipv4.tcp_available_congestion_control). */
    public static Map<String, CongestionControlType> available() {
        Map<String, CongestionControlType> out = new TreeMap<>();
        Loaded.MODULES.forEach((name, m) -> out.put(name, m.type()));
        return Collections.unmodifiableMap(out);
    }

    /**
     * The named module with its default parameters (Linux: tcp_ca_find(); the module as loaded
     * without parameters).
     *
     * @throws IllegalArgumentException if no module has that name (Linux answers ENOENT); the
     *     message lists the available names
     */
    public static CongestionControlFactory factory(String name) {
        Module m = Loaded.MODULES.get(name);
        if (m == null) {
            throw new IllegalArgumentException("unknown congestion control '" + name + "' (ENOENT); available: "
                    + String.join(", ", Loaded.MODULES.keySet()));
        }
        return m.defaults();
    }

    private static Map<String, Module> load() {
        Map<String, Module> out = new TreeMap<>();
        for (CongestionControlType type : ServiceLoader.load(CongestionControlType.class,
                CongestionControls.class.getClassLoader())) {
            String name = type.name();
            if (name == null || name.isEmpty() || name.length() > NAME_MAX) {
                throw new IllegalStateException("congestion control " + type.getClass().getName()
                        + " has an invalid name '" + name + "' (1 to " + NAME_MAX + " characters, TCP_CA_NAME_MAX)");
            }
            Module previous = out.putIfAbsent(name, new Module(type, type.configure(Parameters.defaults(type.parameters()))));
            if (previous != null) {
                // Linux: tcp_register_congestion_control() refuses a second module of one name (EEXIST).
                throw new IllegalStateException("two congestion controls are named '" + name + "': "
                        + previous.type().getClass().getName() + " and " + type.getClass().getName());
            }
        }
        return Collections.unmodifiableMap(out);
    }
}
