package org.tcpsim.plugin;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.tcpsim.api.Endpoint;
import org.tcpsim.api.workload.Acceptor;
import org.tcpsim.api.workload.AppSocket;
import org.tcpsim.api.workload.FlowRow;
import org.tcpsim.api.workload.Results;
import org.tcpsim.api.workload.SocketHandler;
import org.tcpsim.api.workload.TimerTask;
import org.tcpsim.api.workload.WorkloadContext;
import org.tcpsim.app.ConnectionRecord;
import org.tcpsim.app.FlowRecord;
import org.tcpsim.app.FlowSink;
import org.tcpsim.app.MetricSink;
import org.tcpsim.app.RunContext;
import org.tcpsim.app.TimeseriesSink;
import org.tcpsim.app.WorkloadRun;
import org.tcpsim.net.Ipv4Address;
import org.tcpsim.tcp.SocketOptions;
import org.tcpsim.tcp.TcpError;
import org.tcpsim.tcp.TcpListener;
import org.tcpsim.tcp.TcpSocket;
import org.tcpsim.tcp.TcpStack;
import org.tcpsim.tcp.TcpState;

/**
 * The run as a plugin workload sees it: the simulation's clock and timers, the workload's named
 * random streams, the hosts' TCP stacks behind {@link AppSocket}. Everything the plugin does on
 * the simulation's behalf runs inside a guard that turns an exception into a run failure naming
 * the plugin.
 */
final class ApiWorkloadContext implements WorkloadContext {
    private final String name;
    private final PluginInfo info;
    private final RunContext ctx;
    private final SocketOptions options;
    /** Client sockets in the order the plugin opened them: each gets a connections.csv row. */
    private final List<ApiSocket> opened = new ArrayList<>();

    ApiWorkloadContext(String name, PluginInfo info, RunContext ctx, SocketOptions options) {
        this.name = name;
        this.info = info;
        this.ctx = ctx;
        this.options = options;
    }

    static PluginFailure failed(PluginInfo info, String workload, String doing, Throwable e) {
        if (e instanceof PluginFailure f) {
            return f;
        }
        return new PluginFailure("workload '" + workload + "' (type '" + info.name() + "' from " + info.source()
                + ") threw in " + doing + ": " + e, e);
    }

    PluginFailure failed(String doing, Throwable e) {
        return failed(info, name, doing, e);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long durationNs() {
        return ctx.durationNs();
    }

    @Override
    public long nowNs() {
        return ctx.sim().now();
    }

    /** workload:NAME:PURPOSE, the stream RunContext.stream gives the built-in workloads. */
    @Override
    public RandomGenerator random(String purpose) {
        return ctx.random().stream("workload:" + name + ":" + purpose);
    }

    @Override
    public void at(long timeNs, TimerTask task) {
        if (timeNs < ctx.sim().now()) {
            throw new IllegalArgumentException("cannot schedule in the past: " + timeNs + " < " + ctx.sim().now());
        }
        if (timeNs >= ctx.durationNs()) {
            return; // would never run
        }
        ctx.sim().schedule(timeNs, now -> {
            try {
                task.run(now);
            } catch (RuntimeException e) {
                throw failed("a timer", e);
            }
        });
    }

    @Override
    public AppSocket connect(String fromHost, Endpoint to, SocketHandler handler) {
        TcpStack stack = ctx.tcp(fromHost);
        ApiSocket s = new ApiSocket(this, handler, fromHost, to.host());
        opened.add(s);
        try {
            s.socket = stack.connect(Ipv4Address.parse(to.address()), to.port(), options, s);
        } catch (TcpError e) {
            // connect() failed at once (EADDRNOTAVAIL, EMFILE, ...): the handler hears it as a wakeup
            s.failedAt(ctx.sim().now(), e.errno());
            ctx.sim().schedule(ctx.sim().now(), now -> s.closed(null, e.errno(), now));
        }
        return s;
    }

    @Override
    public boolean listen(String host, int port, int backlog, Acceptor acceptor) {
        TcpStack stack = ctx.tcp(host);
        if (stack.listener(port) != null) {
            return false;
        }
        stack.listen(port, backlog, options, (TcpListener l, long now) -> {
            TcpSocket t;
            while ((t = l.accept(null)) != null) {
                ApiSocket s = new ApiSocket(this, null, host, null);
                s.socket = t;
                SocketHandler h;
                try {
                    h = acceptor.accepted(s, now);
                } catch (RuntimeException e) {
                    throw failed("accept", e);
                }
                if (h == null) {
                    throw failed("accept", new NullPointerException("the acceptor returned no handler"));
                }
                s.handler = h;
                t.attachCallbacks(s);
                s.readable(t, now); // data may already wait
            }
        });
        return true;
    }

    /** The plugin's run behind the simulator's interface; also writes the connections' rows. */
    WorkloadRun wrap(org.tcpsim.api.workload.WorkloadRun run) {
        return new WorkloadRun() {
            @Override
            public void sample(long now, TimeseriesSink out) {
                try {
                    run.sample(now, (host, metric, value) -> out.add(now, host, name + "." + metric, value));
                } catch (RuntimeException e) {
                    throw failed("sample", e);
                }
            }

            @Override
            public void finish(long now, FlowSink flows, MetricSink metrics) {
                try {
                    run.finish(now, new Results() {
                        @Override
                        public void metric(String metric, double value) {
                            metrics.metric(metric, value);
                        }

                        @Override
                        public void flow(FlowRow r) {
                            flows.flow(new FlowRecord(r.flowId(), r.type(), r.src(), r.dst(), r.startNs(), r.endNs(),
                                    FlowRecord.NOT_COUNTED, FlowRecord.NOT_COUNTED, r.bytesSent(), r.bytesReceived(),
                                    r.goodputBps(), Double.NaN, 0, 0, r.delayMeanS(), Double.NaN, r.retransmits(),
                                    Double.NaN, Double.NaN, Double.NaN));
                        }
                    });
                } catch (RuntimeException e) {
                    throw failed("finish", e);
                }
                for (int i = 0; i < opened.size(); i++) {
                    ctx.connections().connection(opened.get(i).record(name + "." + i, now));
                }
            }
        };
    }

    /** connections.csv outcome of a client socket, as the built-in workloads write it. */
    static String outcome(TcpSocket s, String errno) {
        if (errno != null) {
            return errno;
        }
        return s.state() == TcpState.CLOSED || s.state() == TcpState.TIME_WAIT ? "ok" : "open";
    }

    static ConnectionRecord failedRecord(String id, String client, String server, long at, String errno) {
        return new ConnectionRecord(id, client, server, 0, at, -1, at, errno, 0, 0, 0, 0);
    }
}
