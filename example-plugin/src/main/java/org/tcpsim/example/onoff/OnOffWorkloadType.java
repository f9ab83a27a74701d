package org.tcpsim.example.onoff;

import java.util.List;
import org.tcpsim.api.Parameter;
import org.tcpsim.api.ParameterException;
import org.tcpsim.api.Parameters;
import org.tcpsim.api.workload.Workload;
import org.tcpsim.api.workload.WorkloadType;

/**
 * {@code "type": "on-off"}: one TCP connection that carries bursts separated by idle periods, as
 * an application that writes a chunk now and then (video segments, periodic uploads). Each burst of
 * {@code burst} bytes is written as fast as the socket takes it; once it is written the sender
 * stays idle for an exponentially distributed time of mean {@code mean_off}, drawn from the
 * workload's own random stream, then writes the next. The receiver times each burst from its first
 * write to its last byte read. Idle periods exercise what congestion controls do after idle
 * (CA_EVENT_TX_START, CA_EVENT_CWND_RESTART and net.ipv4.tcp_slow_start_after_idle).
 */
public final class OnOffWorkloadType implements WorkloadType {
    /** Port the receiver listens on when "to" names none. */
    static final int DEFAULT_PORT = 5002;

    @Override
    public String name() {
        return "on-off";
    }

    @Override
    public String description() {
        return "one connection sending bursts of `burst` bytes separated by exponential idle times of mean `mean_off`;"
                + " metrics: bursts, burst_time_mean_s, burst_time_max_s, goodput_bps, srtt_mean_s";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(
                Parameter.host("from", "the sending host"),
                Parameter.endpoint("to", "the receiver, \"ADDRESS[:PORT]\" or \"HOST[:PORT]\" (port " + DEFAULT_PORT
                        + " by default); the workload listens there"),
                Parameter.size("burst", 64 * 1024, 1, 1L << 30, "bytes per burst"),
                Parameter.duration("mean_off", 200_000_000L, 0, Long.MAX_VALUE,
                        "mean of the exponential idle time after each burst is written (0: back to back)"),
                Parameter.duration("start", 0, 0, Long.MAX_VALUE, "when the connection opens"),
                Parameter.integer("bursts", 0, 0, Integer.MAX_VALUE, "bursts to send (0: until the run ends)"));
    }

    @Override
    public Workload configure(Parameters p) {
        OnOffSettings s = new OnOffSettings(p.host("from"), p.endpoint("to").withDefaultPort(DEFAULT_PORT),
                p.sizeBytes("burst"), p.durationNs("mean_off"), p.durationNs("start"), (int) p.integer("bursts"));
        if (s.from().equals(s.to().host())) {
            throw new ParameterException("to", "the receiver must be another host than \"from\"");
        }
        return ctx -> new OnOffRun(s, ctx);
    }
}
