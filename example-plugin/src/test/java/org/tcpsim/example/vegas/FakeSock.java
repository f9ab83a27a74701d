package org.tcpsim.example.vegas;

import org.tcpsim.api.congestion.AckSample;
import org.tcpsim.api.congestion.CaState;
import org.tcpsim.api.congestion.TcpSock;

/** A bare socket for module tests: the fields a Linux module reads, no behaviour of its own. */
final class FakeSock implements TcpSock {
    int cwnd = 10;
    int ssthresh = Integer.MAX_VALUE;
    int cwndCnt;
    int cwndClamp = ~0;
    boolean cwndLimited = true;
    int priorCwnd;
    CaState caState = CaState.OPEN;
    int sndUna = 1;
    int sndNxt = 1;
    long nowUs;

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
    public int priorCwnd() {
        return priorCwnd;
    }

    @Override
    public boolean isCwndLimited() {
        return cwndLimited;
    }

    @Override
    public int packetsInFlight() {
        return cwnd;
    }

    @Override
    public CaState caState() {
        return caState;
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
    public int mss() {
        return 1448;
    }

    @Override
    public long nowUs() {
        return nowUs;
    }

    @Override
    public long lastSendUs() {
        return nowUs;
    }

    @Override
    public long srttUs() {
        return 0;
    }

    @Override
    public long minRttUs() {
        return 0;
    }

    /** struct ack_sample as tcp_clean_rtx_queue passes it. */
    static AckSample ack(int pkts, long rttUs) {
        return new AckSample() {
            @Override
            public int pktsAcked() {
                return pkts;
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
}
