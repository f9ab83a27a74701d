package org.tcpsim.tcp;

import org.tcpsim.api.congestion.AckSample;
import org.tcpsim.api.congestion.CongestionControl;
import org.tcpsim.api.congestion.RateSample;
import org.tcpsim.api.congestion.TcpSock;

/**
 * What the ACK path hands a congestion module: struct ack_sample (.pkts_acked) and struct
 * rate_sample (.cong_control), one reusable object of each per host ({@link TcpStack#ackTag}), filled
 * before each call as Linux fills its on-stack structs; and whether a module implements .cong_control at all
 * (Linux tests the function pointer; here: whether the class overrides the interface's default).
 */
final class CongestionSamples {
    private static final ClassValue<Boolean> IMPLEMENTS_CONG_CONTROL = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return overrides(type, "congControl", TcpSock.class, int.class, int.class, RateSample.class);
        }
    };
    private static final ClassValue<Boolean> IMPLEMENTS_CONG_AVOID = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return overrides(type, "congAvoid", TcpSock.class, int.class, int.class);
        }
    };

    private CongestionSamples() {
    }

    /** icsk_ca_ops->cong_control != NULL. */
    static boolean implementsCongControl(CongestionControl cc) {
        return IMPLEMENTS_CONG_CONTROL.get(cc.getClass());
    }

    /** icsk_ca_ops->cong_avoid != NULL. */
    static boolean implementsCongAvoid(CongestionControl cc) {
        return IMPLEMENTS_CONG_AVOID.get(cc.getClass());
    }

    private static boolean overrides(Class<?> type, String name, Class<?>... params) {
        try {
            return type.getMethod(name, params).getDeclaringClass() != CongestionControl.class;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("the plugin API lost " + name, e);
        }
    }

    /** struct ack_sample. */
    static final class Ack implements AckSample {
        int pktsAcked;
        long rttUs;
        long inFlight;

        @Override
        public int pktsAcked() {
            return pktsAcked;
        }

        @Override
        public long rttUs() {
            return rttUs;
        }

        @Override
        public long inFlight() {
            return inFlight;
        }
    }

    /** struct rate_sample, filled by {@link RateSampler} (tcp_rate.c) and the ACK path (tcp_ack). */
    static final class Rate implements RateSample {
        long priorMstampUs;
        /** Some segment this ACK delivered carried timing information (Linux: rs->prior_mstamp != 0). */
        boolean timed;
        int priorDelivered;
        int delivered = -1;
        long intervalUs = -1;
        long rttUs = -1;
        int losses;
        int ackedSacked;
        int priorInFlight;
        boolean isAppLimited;
        boolean isRetrans;
        boolean isAckDelayed;
        /** rs->last_end_seq: end sequence of the segment the sample was taken from. */
        int lastEndSeq;

        @Override
        public long priorMstampUs() {
            return priorMstampUs;
        }

        @Override
        public int priorDelivered() {
            return priorDelivered;
        }

        @Override
        public int delivered() {
            return delivered;
        }

        @Override
        public long intervalUs() {
            return intervalUs;
        }

        @Override
        public long rttUs() {
            return rttUs;
        }

        @Override
        public int losses() {
            return losses;
        }

        @Override
        public int ackedSacked() {
            return ackedSacked;
        }

        @Override
        public int priorInFlight() {
            return priorInFlight;
        }

        @Override
        public boolean isAppLimited() {
            return isAppLimited;
        }

        @Override
        public boolean isRetrans() {
            return isRetrans;
        }

        @Override
        public boolean isAckDelayed() {
            return isAckDelayed;
        }
    }
}
