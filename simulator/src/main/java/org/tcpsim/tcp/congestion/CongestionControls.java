package org.tcpsim.tcp.congestion;

import java.util.Collections;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The congestion-control modules found on the classpath, by name: Linux's tcp_cong_list, filled
 * by {@link ServiceLoader} instead of tcp_register_congestion_control(). Read-only once loaded.
 */
public final class CongestionControls {
    /** TCP_CA_NAME_MAX (include/net/tcp.h) counts the terminating NUL. */
    static final int NAME_MAX = 16 - 1;

    private CongestionControls() {
    }

    private static final class Loaded {
        static final Map<String, CongestionControlType> TYPES = load();
    }

    /** Name to module, sorted by name (Linux: net.ipv4.tcp_available_congestion_control). */
    public static Map<String, CongestionControlType> available() {
        return Loaded.TYPES;
    }

    /**
     * A new per-socket instance of the named module (Linux: tcp_ca_find() then the zeroed
     * icsk_ca_priv of tcp_assign_congestion_control / tcp_reinit_congestion_control).
     *
     * @throws IllegalArgumentException if no module has that name (Linux answers ENOENT); the
     *     message lists the available names
     */
    public static CongestionControl create(String name) {
        CongestionControlType type = Loaded.TYPES.get(name);
        if (type == null) {
            throw new IllegalArgumentException("unknown congestion control '" + name + "' (ENOENT); available: "
                    + String.join(", ", Loaded.TYPES.keySet()));
        }
        return type.create();
    }

    private static Map<String, CongestionControlType> load() {
        Map<String, CongestionControlType> out = new TreeMap<>();
        for (CongestionControlType type : ServiceLoader.load(CongestionControlType.class,
                CongestionControls.class.getClassLoader())) {
            String name = type.name();
            if (name == null || name.isEmpty() || name.length() > NAME_MAX) {
                throw new IllegalStateException("congestion control " + type.getClass().getName()
                        + " has an invalid name '" + name + "' (1 to " + NAME_MAX + " characters, TCP_CA_NAME_MAX)");
            }
            CongestionControlType previous = out.putIfAbsent(name, type);
            if (previous != null) {
                // Linux: tcp_register_congestion_control() refuses a second module of one name (EEXIST).
                throw new IllegalStateException("two congestion controls are named '" + name + "': "
                        + previous.getClass().getName() + " and " + type.getClass().getName());
            }
        }
        return Collections.unmodifiableMap(out);
    }
}
