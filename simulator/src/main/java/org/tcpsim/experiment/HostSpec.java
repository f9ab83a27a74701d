package org.tcpsim.experiment;

import java.util.List;
import org.tcpsim.kernel.KernelVersion;
import org.tcpsim.kernel.Sysctls;
import org.tcpsim.net.FilterRule;
import org.tcpsim.tcp.CongestionChoice;

/**
 * One node's kernel as declared under "hosts": version profile, sysctls, and the limits that are
 * not sysctls (RLIMIT_NOFILE, CPUs, softirq packet rate, RAM, uptime), and its packet filters.
 *
 * @param cpus             CPUs processing received packets, each with its own softnet backlog
 * @param packetsPerSecond softirq packets per second per CPU; 0 = not limited
 * @param uptimeNs         time since boot at the start of the run (TCP timestamp clock origin)
 * @param filters          packet-filter rules, in the order they are tried
 * @param congestion       net.ipv4.tcp_congestion_control with the module's parameters, or null for the
 *                         built-in the sysctl names with its defaults
 */
public record HostSpec(KernelVersion kernel, Sysctls sysctls, long memoryBytes, int ulimitNofile, int cpus,
                       long packetsPerSecond, long uptimeNs, List<FilterRule> filters, CongestionChoice congestion) {
    /** RAM assumed for a host that does not say (memory-derived sysctl defaults scale with it). */
    public static final long DEFAULT_MEMORY = 16L << 30;
    /** RLIMIT_NOFILE soft limit (include/asm-generic/resource.h: INR_OPEN_CUR). */
    public static final int DEFAULT_NOFILE = 1024;

    public HostSpec {
        filters = List.copyOf(filters);
    }

    /** With the congestion control net.ipv4.tcp_congestion_control names, at its defaults. */
    public HostSpec(KernelVersion kernel, Sysctls sysctls, long memoryBytes, int ulimitNofile, int cpus,
                    long packetsPerSecond, long uptimeNs, List<FilterRule> filters) {
        this(kernel, sysctls, memoryBytes, ulimitNofile, cpus, packetsPerSecond, uptimeNs, filters, null);
    }

    /** One immutable instance for every host the experiment does not list under "hosts". */
    private static final HostSpec DEFAULTS = new HostSpec(KernelVersion.newest(),
            Sysctls.defaults(KernelVersion.newest(), DEFAULT_MEMORY), DEFAULT_MEMORY, DEFAULT_NOFILE, 1, 0, 0, List.of(),
            null);

    public static HostSpec defaults() {
        return DEFAULTS;
    }
}
