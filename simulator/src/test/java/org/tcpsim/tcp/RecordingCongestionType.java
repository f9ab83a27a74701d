package org.tcpsim.tcp;

import org.tcpsim.api.congestion.AckFlags;

import java.util.ArrayList;
import java.util.List;
import org.tcpsim.api.Parameters;
import org.tcpsim.api.congestion.AckSample;
import org.tcpsim.api.congestion.CongestionControl;
import org.tcpsim.api.congestion.CongestionControlFactory;
import org.tcpsim.api.congestion.CongestionControlType;
import org.tcpsim.api.congestion.RateSample;
import org.tcpsim.api.congestion.TcpSock;

/**
 * A test module with .cong_control (as BBR has) that records what the socket hands it and holds
 * cwnd at {@link #WINDOW}; registered in src/test/resources/META-INF/services. The instances it
 * made are kept in {@link #made} for the test to read (tests run one at a time).
 */
public final class RecordingCongestionType implements CongestionControlType {
    static final int WINDOW = 8;
    static final List<Recorder> made = new ArrayList<>();

    @Override
    public String name() {
        return "test-record";
    }

    @Override
    public String description() {
        return "test plugin: records its hooks, cwnd fixed at 8 by cong_control";
    }

    @Override
    public CongestionControlFactory configure(Parameters params) {
        return () -> {
            Recorder r = new Recorder();
            made.add(r);
            return r;
        };
    }

    /** One socket's module. */
    static final class Recorder implements CongestionControl {
        int inits;
        int releases;
        int congControls;
        int inAckEvents;
        long ackedSacked;
        long pktsAcked;
        int rttSamples;
        int invalidRateSamples;
        int validRateSamples;
        long minIntervalUs = Long.MAX_VALUE;
        double maxRateBps;
        int flagsSeen;
        /** ACKs that (s)acked nothing, and those of them whose rate sample still carried an RTT. */
        int emptyAcks;
        int emptyAcksWithRtt;
        /** pkts_acked calls for an ACK that only SACKed (pkts_acked 0, an RTT), and its rtt_us against rs->rtt_us. */
        int sackOnlyPktsAcked;
        int pktsAckedRttMismatches;
        boolean pktsAckedThisAck;
        long pktsAckedRttUs;

        @Override
        public void init(TcpSock sk) {
            inits++;
        }

        @Override
        public void release(TcpSock sk) {
            releases++;
        }

        @Override
        public int ssthresh(TcpSock sk) {
            return WINDOW;
        }

        @Override
        public void congControl(TcpSock sk, int ack, int flag, RateSample rs) {
            congControls++;
            ackedSacked += rs.ackedSacked();
            if (pktsAckedThisAck && pktsAckedRttUs != rs.rttUs()) {
                pktsAckedRttMismatches++;
            }
            pktsAckedThisAck = false;
            if ((flag & (AckFlags.FLAG_DATA_ACKED | AckFlags.FLAG_DATA_SACKED)) == 0) {
                emptyAcks++;
                if (rs.rttUs() != -1) {
                    emptyAcksWithRtt++;
                }
            }
            if (rs.delivered() < 0 && rs.intervalUs() < 0) {
                invalidRateSamples++;
            } else if (rs.delivered() >= 0 && rs.intervalUs() > 0) {
                validRateSamples++;
                minIntervalUs = Math.min(minIntervalUs, rs.intervalUs());
                maxRateBps = Math.max(maxRateBps, rs.delivered() * (double) sk.mss() * 8e6 / rs.intervalUs());
            }
            flagsSeen |= flag;
            sk.setCwnd(WINDOW);
        }

        @Override
        public void inAckEvent(TcpSock sk, int flags) {
            inAckEvents++;
        }

        @Override
        public void pktsAcked(TcpSock sk, AckSample sample) {
            pktsAcked += sample.pktsAcked();
            if (sample.rttUs() >= 0) {
                rttSamples++;
                if (sample.pktsAcked() == 0) {
                    sackOnlyPktsAcked++;
                }
            }
            pktsAckedThisAck = true;
            pktsAckedRttUs = sample.rttUs();
        }

        @Override
        public int undoCwnd(TcpSock sk) {
            return WINDOW;
        }

        @Override
        public void congAvoid(TcpSock sk, int ack, int acked) {
            throw new AssertionError("cong_avoid must not run for a module with cong_control");
        }
    }
}
