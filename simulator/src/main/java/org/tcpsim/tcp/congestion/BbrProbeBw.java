package org.tcpsim.tcp.congestion;

import static org.tcpsim.tcp.congestion.Bbr.BBR_UNIT;
import static org.tcpsim.tcp.congestion.Bbr.CYCLE_LEN;

import org.tcpsim.api.congestion.RateSample;
import org.tcpsim.api.congestion.TcpSock;

/**
 * BBR's PROBE_BW gain cycling (tcp_bbr.c: bbr_is_next_cycle_phase, bbr_advance_cycle_phase,
 * bbr_update_cycle_phase, bbr_reset_probe_bw_mode): the pacing gain steps through
 * {@link BbrParams#pacingGain} (5/4 to probe, 3/4 to drain what probing queued, then six phases of
 * 1), a phase ending after min_rtt or once in flight reached its target. Static steps over the
 * {@link Bbr}'s cycle_idx and cycle_mstamp, no object of its own.
 */
final class BbrProbeBw {
    private BbrProbeBw() {
    }

    /** bbr_is_next_cycle_phase(): end the phase when it lasted min_rtt and/or hit its in-flight target. */
    private static boolean isNextCyclePhase(Bbr bbr, TcpSock sk, RateSample rs) {
        boolean isFullLength = Math.max(sk.deliveredMstampUs() - bbr.cycleMstamp, 0)
                > Integer.toUnsignedLong(bbr.minRttUs);
        if (bbr.pacingGain == BBR_UNIT) { // 1.0 paces at the estimated bw: just use wall clock time
            return isFullLength;
        }
        int inflight = bbr.packetsInNetAtEdt(sk, rs.priorInFlight());
        int b = bbr.maxBw();
        if (bbr.pacingGain > BBR_UNIT) {
            // probe for bw by raising inflight to at least pacing_gain x BDP; do not persist if
            // packets are lost, since a path with small buffers may not hold that much
            return isFullLength && (rs.losses() != 0
                    || Integer.compareUnsigned(inflight, bbr.inflight(sk, b, bbr.pacingGain)) >= 0);
        }
        // a gain < 1.0 drains the queue probing added: once inflight falls to the BDP it is drained
        return isFullLength || Integer.compareUnsigned(inflight, bbr.inflight(sk, b, BBR_UNIT)) <= 0;
    }

    /** bbr_advance_cycle_phase(). */
    private static void advanceCyclePhase(Bbr bbr, TcpSock sk) {
        bbr.cycleIdx = (bbr.cycleIdx + 1) & (CYCLE_LEN - 1);
        bbr.cycleMstamp = sk.deliveredMstampUs();
    }

    /** bbr_update_cycle_phase(). */
    static void updateCyclePhase(Bbr bbr, TcpSock sk, RateSample rs) {
        if (bbr.mode == Bbr.Mode.PROBE_BW && isNextCyclePhase(bbr, sk, rs)) {
            advanceCyclePhase(bbr, sk);
        }
    }

    /** bbr_reset_probe_bw_mode(): PROBE_BW, in a random phase of the cycle (never the draining one). */
    static void resetProbeBwMode(Bbr bbr, TcpSock sk) {
        bbr.mode = Bbr.Mode.PROBE_BW;
        bbr.cycleIdx = (CYCLE_LEN - 1 - sk.randomU32Below(bbr.p.cycleRand())) & (CYCLE_LEN - 1);
        advanceCyclePhase(bbr, sk); // flip to next phase of gain cycle
    }
}
