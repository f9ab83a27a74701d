package org.tcpsim.tcp.congestion;

import java.util.HashMap;
import java.util.Map;
import org.tcpsim.api.congestion.AckSample;
import org.tcpsim.api.congestion.CaState;
import org.tcpsim.api.congestion.PacingStatus;
import org.tcpsim.api.congestion.TcpSock;

/** A bare tcp_sock for module tests: public fields, no behaviour of its own. */
final class FakeTcp implements TcpSock {
    int cwnd = 10;
    int ssthresh = Integer.MAX_VALUE;
    int cwndCnt;
    int cwndClamp = ~0;
    boolean cwndLimited = true;
    int inFlight;
    long nowUs;
    long srttUs;
    long minRttUs;
    int mss = 1448;
    int priorCwnd;
    int sndUna = 1;
    int sndNxt = 1;
    long lastSendUs;
    long pacingRate;
    PacingStatus pacingStatus = PacingStatus.NONE;
    CaState caState = CaState.OPEN;
    final Map<String, Long> mib = new HashMap<>();
    // what BBR reads besides
    int delivered;
    int lost;
    int appLimited;
    long deliveredMstampUs;
    long wstampNs;
    long maxPacingRate = Long.MAX_VALUE;
    /** The next values get_random_u32_below() returns (each taken modulo its bound); 0 when none are left. */
    final java.util.ArrayDeque<Integer> random = new java.util.ArrayDeque<>();

    @Override
    public int cwnd() {
        return cwnd;
    }

    @Override
    public void setCwnd(int packets) {
        cwnd = packets;
    }

    @Override
    public int ssthresh() {
        return ssthresh;
    }

    @Override
    public void setSsthresh(int packets) {
        ssthresh = packets;
    }

    @Override
    public int cwndCount() {
        return cwndCnt;
    }

    @Override
    public void setCwndCount(int n) {
        cwndCnt = n;
    }

    @Override
    public int cwndClamp() {
        return cwndClamp;
    }

    @Override
    public boolean isCwndLimited() {
        return cwndLimited;
    }

    @Override
    public int packetsInFlight() {
        return inFlight;
    }

    @Override
    public long nowUs() {
        return nowUs;
    }

    @Override
    public long srttUs() {
        return srttUs;
    }

    @Override
    public long minRttUs() {
        return minRttUs;
    }

    @Override
    public int mss() {
        return mss;
    }

    @Override
    public int priorCwnd() {
        return priorCwnd;
    }

    @Override
    public int sndUna() {
        return sndUna;
    }

    @Override
    public int sndNxt() {
        return sndNxt;
    }

    @Override
    public long lastSendUs() {
        return lastSendUs;
    }

    @Override
    public long pacingRate() {
        return pacingRate;
    }

    @Override
    public void setPacingRate(long bytesPerSecond) {
        pacingRate = bytesPerSecond;
    }

    @Override
    public long maxPacingRate() {
        return maxPacingRate;
    }

    @Override
    public PacingStatus pacingStatus() {
        return pacingStatus;
    }

    @Override
    public void setPacingStatus(PacingStatus status) {
        pacingStatus = status;
    }

    @Override
    public int delivered() {
        return delivered;
    }

    @Override
    public int lost() {
        return lost;
    }

    @Override
    public int appLimited() {
        return appLimited;
    }

    @Override
    public void setAppLimited(int mark) {
        appLimited = mark;
    }

    @Override
    public long deliveredMstampUs() {
        return deliveredMstampUs;
    }

    @Override
    public long wstampNs() {
        return wstampNs;
    }

    @Override
    public long clockNs() {
        return nowUs * 1000;
    }

    @Override
    public int randomU32Below(int ceil) {
        Integer v = random.poll();
        return v == null ? 0 : v % ceil;
    }

    @Override
    public CaState caState() {
        return caState;
    }

    @Override
    public void mibAdd(String counter, long delta) {
        mib.merge(counter, delta, Long::sum);
    }

    /** struct ack_sample {pkts_acked, rtt_us} as tcp_clean_rtx_queue passes it. */
    static AckSample ack(int pktsAcked, long rttUs) {
        return new AckSample() {
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
                return 0;
            }
        };
    }

    long mib(String counter) {
        return mib.getOrDefault(counter, 0L);
    }
}
