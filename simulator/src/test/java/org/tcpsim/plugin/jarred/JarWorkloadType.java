package org.tcpsim.plugin.jarred;

import java.util.List;
import java.util.random.RandomGenerator;
import org.tcpsim.api.Parameter;
import org.tcpsim.api.Parameters;
import org.tcpsim.api.workload.Results;
import org.tcpsim.api.workload.Workload;
import org.tcpsim.api.workload.WorkloadRun;
import org.tcpsim.api.workload.WorkloadType;

/**
 * Test workload from a jar: ticks at random intervals drawn from its named stream and reports
 * their count and the sum of the draws; with {@code "fail": true} its timer throws.
 */
public class JarWorkloadType implements WorkloadType {
    @Override
    public String name() {
        return "jar-ticks";
    }

    @Override
    public String description() {
        return "test plugin from a jar: random ticks";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(Parameter.duration("mean", 10_000_000L, 1, Long.MAX_VALUE, "mean gap"),
                Parameter.bool("fail", false, "throw from the first tick"));
    }

    @Override
    public Workload configure(Parameters p) {
        long mean = p.durationNs("mean");
        boolean fail = p.bool("fail");
        return ctx -> {
            RandomGenerator r = ctx.random("ticks");
            long[] ticks = new long[1];
            double[] sum = new double[1];
            Runnable[] next = new Runnable[1];
            next[0] = () -> {
                double u = r.nextDouble();
                sum[0] += u;
                ctx.at(ctx.nowNs() + (long) (2 * u * mean), now -> {
                    if (fail) {
                        throw new IllegalStateException("tick failed on purpose");
                    }
                    ticks[0]++;
                    next[0].run();
                });
            };
            next[0].run();
            return new WorkloadRun() {
                @Override
                public void finish(long nowNs, Results results) {
                    results.metric("ticks", ticks[0]);
                    results.metric("draw_sum", sum[0]);
                }
            };
        };
    }
}
