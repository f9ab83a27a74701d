package org.tcpsim.plugin;

/** The three kinds of plugin, each with its service interface of the plugin API and the JSON that names it. */
public enum PluginKind {
    WORKLOAD("workload type", "org.tcpsim.api.workload.WorkloadType", "\"workloads\": [{\"type\": NAME, ...}]"),
    LOSS_MODEL("loss model", "org.tcpsim.api.loss.LossModelType", "\"loss\": {\"model\": NAME, ...}"),
    CONGESTION_CONTROL("congestion control", "org.tcpsim.api.congestion.CongestionControlType",
            "net.ipv4.tcp_congestion_control, TCP_CONGESTION, \"congestion_control\": {\"name\": NAME, ...}");

    private final String label;
    private final String service;
    private final String usage;

    PluginKind(String label, String service, String usage) {
        this.label = label;
        this.service = service;
        this.usage = usage;
    }

    /** "congestion control". */
    public String label() {
        return label;
    }

    /** The interface a plugin implements, as its META-INF/services file is named. */
    public String service() {
        return service;
    }

    /** Where users name such a plugin. */
    public String usage() {
        return usage;
    }
}
