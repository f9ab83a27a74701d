package org.tcpsim.experiment;

import org.tcpsim.app.Endpoint;
import org.tcpsim.app.FlowSink;
import org.tcpsim.app.MetricSink;
import org.tcpsim.app.RunContext;
import org.tcpsim.app.Workload;
import org.tcpsim.app.WorkloadRun;
import org.tcpsim.app.WorkloadSetting;
import org.tcpsim.app.WorkloadType;
import org.tcpsim.config.ConfigNode;
import org.tcpsim.net.Datagram;
import org.tcpsim.net.Host;

/**
 * A workload plugin that lives only on the test classpath (registered in
 * src/test/resources/META-INF/services), proving a third-party jar can add a workload type.
 */
public final class BurstTestWorkloadType implements WorkloadType {
    @Override
    public String name() {
        return "test-burst";
    }

    @Override
    public String description() {
        return "test plugin: N datagrams at t = 0";
    }

    @Override
    public Workload parse(ConfigNode node, WorkloadSetting setting) {
        node.markKnown("type", "name");
        String from = Endpoint.readHost(node, "from", setting);
        Endpoint to = Endpoint.read(node, "to", setting, from);
        int count = node.requireInt("count", 1, 1_000_000);
        node.finish();
        if (from == null || to == null) {
            return null;
        }
        String name = setting.workloadName();
        return new Workload() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String type() {
                return "test-burst";
            }

            @Override
            public WorkloadRun install(RunContext ctx) {
                Host src = (Host) ctx.network().node(from);
                long[] got = new long[1];
                ((Host) ctx.network().node(to.node())).bindDatagram(7, (d, now) -> got[0]++);
                ctx.sim().schedule(0, now -> {
                    for (int i = 0; i < count; i++) {
                        src.send(new Datagram(src.address(), 7, to.address(), 7, 100, i, now), now);
                    }
                });
                return (long now, FlowSink flows, MetricSink metrics) -> metrics.metric("received", got[0]);
            }
        };
    }
}
