package org.tcpsim.tcp.congestion;

import java.util.HashMap;
import java.util.Map;

/** A bare tcp_sock for module tests: public fields, no behaviour of its own. */
final class FakeTcp implements CongestionState {
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
    boolean pacingActive;
    final Map<String, Long> mib = new HashMap<>();

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
    public boolean pacingActive() {
        return pacingActive;
    }

    @Override
    public void mibAdd(String counter, long delta) {
        mib.merge(counter, delta, Long::sum);
    }

    long mib(String counter) {
        return mib.getOrDefault(counter, 0L);
    }
}
