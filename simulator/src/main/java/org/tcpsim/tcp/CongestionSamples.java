package org.tcpsim.tcp;

import org.tcpsim.api.congestion.AckSample;
import org.tcpsim.api.congestion.CongestionControl;
import org.tcpsim.api.congestion.RateSample;
import org.tcpsim.api.congestion.TcpSock;

/**
 * What the ACK path hands a congestion module: struct ack_sample (.pkts_acked) and struct
 * rate_sample (.cong_control), one reusable object of each per socket, filled before each call
 * as Linux fills its on-stack structs; and whether a module implements .cong_control at all
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

    /** struct rate_sample, without the tcp_rate.c fields (delivered and interval_us stay -1: invalid). */
    static final class Rate implements RateSample {
        int priorDelivered;
        long rttUs = -1;
        int losses;
        int ackedSacked;
        int priorInFlight;
        boolean isRetrans;
        boolean isAckDelayed;

        @Override
        public long priorMstampUs() {
            return 0;
        }

        @Override
        public int priorDelivered() {
            return priorDelivered;
        }

        @Override
        public int delivered() {
            return -1;
        }

        @Override
        public long intervalUs() {
            return -1;
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
            return false;
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
