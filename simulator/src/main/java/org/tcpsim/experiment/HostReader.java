package org.tcpsim.experiment;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tcpsim.config.ConfigNode;
import org.tcpsim.kernel.HostMemory;
import org.tcpsim.kernel.KernelVersion;
import org.tcpsim.kernel.SysctlException;
import org.tcpsim.kernel.SysctlNames;
import org.tcpsim.kernel.Sysctls;
import org.tcpsim.net.FilterRule;
import com.fasterxml.jackson.databind.node.TextNode;
import org.tcpsim.plugin.CongestionReader;
import org.tcpsim.plugin.PluginRegistry;
import org.tcpsim.tcp.CongestionChoice;

/**
 * Reads one entry of "hosts": {"kernel": "6.18", "sysctl": {...}, "ulimit_nofile": 1024, "cpus": 4,
 * "packets_per_second": 1000000, "filters": [...], ...}.
 */
final class HostReader {
    private HostReader() {
    }

    static HostSpec read(ConfigNode h, PluginRegistry plugins) {
        String kernelText = h.optString("kernel", KernelVersion.newest().label());
        Optional<KernelVersion> parsed = KernelVersion.parse(kernelText);
        if (parsed.isEmpty()) {
            StringBuilder known = new StringBuilder();
            for (KernelVersion k : KernelVersion.values()) {
                known.append(known.length() == 0 ? "" : ", ").append('"').append(k.label()).append('"');
            }
            String trimmed = KernelVersion.parse(kernelText.strip()).isPresent() ? "; no blanks around it" : "";
            h.problemAt("kernel", "unknown kernel profile \"" + kernelText + "\" (modelled: " + known + trimmed + ")");
        }
        KernelVersion kernel = parsed.orElse(KernelVersion.newest());
        long memory = h.optSizeBytes("memory", HostSpec.DEFAULT_MEMORY);
        if (memory < HostMemory.PAGE_SIZE) {
            h.problemAt("memory", "a host needs at least one page of memory (" + HostMemory.PAGE_SIZE + "B)");
            memory = HostSpec.DEFAULT_MEMORY;
        }
        Sysctls sysctls = Sysctls.defaults(kernel, memory);
        ConfigNode sysctlNode = h.optObject("sysctl");
        if (!sysctlNode.isMissing()) {
            for (Map.Entry<String, ConfigNode> e : sysctlNode.entries().entrySet()) {
                try {
                    sysctls = sysctls.with(e.getKey(), e.getValue().json());
                } catch (SysctlException ex) {
                    e.getValue().problem(ex.getMessage());
                }
            }
        }
        String cc = sysctls.getString(SysctlNames.TCP_CONGESTION_CONTROL);
        CongestionChoice congestion;
        if (h.has("congestion_control")) {
            // the host's module with its parameters: the default of its sockets, and what TCP_CONGESTION of
            // that module gets (Linux: the sysctl plus /sys/module/tcp_NAME/parameters)
            congestion = CongestionReader.read(h.get("congestion_control"), plugins);
            boolean sysctlGiven = sysctlNode.isObject() && sysctlNode.json().has(SysctlNames.TCP_CONGESTION_CONTROL);
            if (congestion != null && sysctlGiven && !congestion.name().equals(cc)) {
                h.problemAt("congestion_control", "names '" + congestion.name() + "' but sysctl "
                        + SysctlNames.TCP_CONGESTION_CONTROL + " is '" + cc + "': give the module in one place");
            } else if (congestion != null) {
                try {
                    sysctls = sysctls.with(SysctlNames.TCP_CONGESTION_CONTROL, TextNode.valueOf(congestion.name()));
                } catch (SysctlException e) {
                    h.problemAt("congestion_control", e.getMessage());
                }
            }
        } else {
            congestion = CongestionReader.named(sysctlNode, plugins, cc, SysctlNames.TCP_CONGESTION_CONTROL);
        }
        int nofile = h.optInt("ulimit_nofile", HostSpec.DEFAULT_NOFILE, 1, Integer.MAX_VALUE);
        int cpus = h.optInt("cpus", 1, 1, 4096);
        long pps = h.optLong("packets_per_second", 0, 0, Long.MAX_VALUE);
        long uptime = h.optDurationNs("uptime", 0);
        List<FilterRule> filters = FilterReader.read(h.optArray("filters"));
        h.finish();
        return new HostSpec(kernel, sysctls, memory, nofile, cpus, pps, uptime, filters, congestion);
    }
}
