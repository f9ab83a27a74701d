package org.tcpsim.plugin;

import org.tcpsim.api.ParameterException;
import org.tcpsim.api.Parameters;
import org.tcpsim.app.RunContext;
import org.tcpsim.app.SocketOptionsReader;
import org.tcpsim.app.Workload;
import org.tcpsim.app.WorkloadRun;
import org.tcpsim.app.WorkloadSetting;
import org.tcpsim.app.WorkloadType;
import org.tcpsim.config.ConfigNode;
import org.tcpsim.tcp.CongestionChoice;
import org.tcpsim.tcp.SocketOptions;

/**
 * A workload type of the plugin API as the experiment reader sees one: its declared parameters
 * read from the entry, plus the keys the simulator reads for every workload ("name",
 * "sockopt", "congestion_control"), which apply to every socket the plugin opens.
 */
final class ApiWorkloadType implements WorkloadType {
    private final org.tcpsim.api.workload.WorkloadType type;
    private final PluginInfo info;

    ApiWorkloadType(org.tcpsim.api.workload.WorkloadType type, PluginInfo info) {
        this.type = type;
        this.info = info;
    }

    @Override
    public String name() {
        return info.name();
    }

    @Override
    public String description() {
        return info.description();
    }

    @Override
    public Workload parse(ConfigNode node, WorkloadSetting setting) {
        node.markKnown("type", "name");
        SocketOptions options = SocketOptionsReader.read(node, setting);
        if (node.has("congestion_control")) {
            CongestionChoice cc = setting.congestion(node.get("congestion_control"));
            if (cc != null) {
                options = options.withCongestion(cc);
            }
        }
        Parameters params = ParameterReader.read(node, info.parameters(), setting);
        node.finish();
        if (params == null) {
            return null;
        }
        org.tcpsim.api.workload.Workload configured;
        try {
            configured = type.configure(params);
        } catch (ParameterException e) {
            ParameterReader.report(node, info.parameters(), e);
            return null;
        } catch (RuntimeException | LinkageError e) {
            node.problem("workload type '" + info.name() + "' (" + info.source() + ") failed to take this entry: " + e);
            return null;
        }
        if (configured == null) {
            node.problem("workload type '" + info.name() + "' (" + info.source() + ") configured nothing (null)");
            return null;
        }
        return new Configured(setting.workloadName(), info, configured, options);
    }

    /** One configured entry: installed into every run. */
    private record Configured(String name, PluginInfo info, org.tcpsim.api.workload.Workload workload,
                              SocketOptions options) implements Workload {
        @Override
        public String type() {
            return info.name();
        }

        @Override
        public WorkloadRun install(RunContext ctx) {
            ApiWorkloadContext context = new ApiWorkloadContext(name, info, ctx, options);
            org.tcpsim.api.workload.WorkloadRun run;
            try {
                run = workload.install(context);
            } catch (RuntimeException e) {
                throw ApiWorkloadContext.failed(info, name, "install", e);
            }
            return context.wrap(run);
        }
    }
}
