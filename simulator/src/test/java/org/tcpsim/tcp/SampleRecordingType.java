package org.tcpsim.tcp;

import java.util.ArrayList;
import java.util.List;
import org.tcpsim.api.Parameters;
import org.tcpsim.api.congestion.CongestionControl;
import org.tcpsim.api.congestion.CongestionControlFactory;
import org.tcpsim.api.congestion.CongestionControlType;
import org.tcpsim.api.congestion.RateSample;
import org.tcpsim.api.congestion.TcpSock;

/**
 * A test module with .cong_control that keeps a copy of every rate sample it is handed and holds
 * cwnd at 10; registered in src/test/resources/META-INF/services. The samples of the last socket
 * it was made for are in {@link #samples} (tests run one at a time).
 */
public final class SampleRecordingType implements CongestionControlType {
    static final List<Sample> samples = new ArrayList<>();

    /** The fields of one struct rate_sample, copied. */
    record Sample(long nowUs, int priorDelivered, long priorMstampUs, int delivered, long intervalUs, int ackedSacked,
                  int losses, boolean appLimited, long rttUs) {
    }

    @Override
    public String name() {
        return "test-samples";
    }

    @Override
    public String description() {
        return "test plugin: records every rate sample, cwnd fixed at 10";
    }

    @Override
    public CongestionControlFactory configure(Parameters params) {
        return () -> {
            samples.clear();
            return new CongestionControl() {
                @Override
                public int ssthresh(TcpSock sk) {
                    return 10;
                }

                @Override
                public void congControl(TcpSock sk, int ack, int flag, RateSample rs) {
                    samples.add(new Sample(sk.nowUs(), rs.priorDelivered(), rs.priorMstampUs(), rs.delivered(),
                            rs.intervalUs(), rs.ackedSacked(), rs.losses(), rs.isAppLimited(), rs.rttUs()));
                    sk.setCwnd(10);
                }

                @Override
                public int undoCwnd(TcpSock sk) {
                    return 10;
                }
            };
        };
    }
}
