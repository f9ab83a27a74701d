package org.tcpsim.tcp.congestion;

import org.tcpsim.api.congestion.CaEvent;
import org.tcpsim.api.congestion.CaState;
import org.tcpsim.api.congestion.Jiffies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The loss response, state hooks and cnt bounds of net/ipv4/tcp_cubic.c. */
class CubicTest {
    private static final long T0_US = 10_000_000; // away from jiffies 0, epoch_start's "no epoch"

    private static FakeTcp socket() {
        FakeTcp tp = new FakeTcp();
        tp.nowUs = T0_US;
        return tp;
    }

    @Test
    void ssthresh_is_cwnd_times_717_over_1024_but_at_least_two() {
        int[][] cases = {{100, 70}, {1000, 700}, {10, 7}, {3, 2}, {2, 2}, {1, 2}};
        for (int[] c : cases) {
            FakeTcp tp = socket();
            Cubic cubic = new Cubic();
            cubic.init(tp);
            tp.cwnd = c[0];
            assertEquals(c[1], cubic.ssthresh(tp), "cwnd " + c[0]);
        }
    }

    /**
     * <pre>
     *  loss at cwnd 100, no W_max yet      -> W_last_max = 100
     *  loss at cwnd  80 &lt; 100 (converging) -> W_last_max = 80 * (1024 + 717) / 2048 = 68
     *  loss at cwnd 120 &gt;= 68              -> W_last_max = 120
     * </pre>
     */
    @Test
    void fastConvergence_remembers_less_than_cwnd_when_losing_below_the_last_max() {
        FakeTcp tp = socket();
        Cubic cubic = new Cubic();
        cubic.init(tp);
        tp.cwnd = 100;
        cubic.ssthresh(tp);
        assertEquals(100, cubic.lastMaxCwnd());
        tp.cwnd = 80;
        assertEquals(56, cubic.ssthresh(tp));
        assertEquals(68, cubic.lastMaxCwnd());
        tp.cwnd = 120;
        cubic.ssthresh(tp);
        assertEquals(120, cubic.lastMaxCwnd());
    }

    @Test
    void without_fastConvergence_the_last_max_is_cwnd() {
        FakeTcp tp = socket();
        Cubic cubic = new Cubic(new CubicParams(false, 717, 0, 41, true, true, 3, 16, 2000));
        cubic.init(tp);
        tp.cwnd = 100;
        cubic.ssthresh(tp);
        tp.cwnd = 80;
        cubic.ssthresh(tp);
        assertEquals(80, cubic.lastMaxCwnd());
    }

    @Test
    void loss_state_forgets_W_max_and_the_epoch() {
        FakeTcp tp = socket();
        Cubic cubic = new Cubic();
        cubic.init(tp);
        tp.cwnd = 100;
        tp.ssthresh = cubic.ssthresh(tp);
        tp.cwnd = 70;
        cubic.congAvoid(tp, 0, 1);
        assertTrue(cubic.epochStart() != 0);
        cubic.setState(tp, CaState.LOSS); // RTO
        assertEquals(0, cubic.lastMaxCwnd());
        assertEquals(0, cubic.epochStart());
        cubic.setState(tp, CaState.RECOVERY); // other states change nothing
        tp.cwnd = 50;
        cubic.ssthresh(tp);
        cubic.setState(tp, CaState.RECOVERY);
        assertEquals(50, cubic.lastMaxCwnd());
    }

    @Test
    void undoCwnd_is_reno_undo_max_of_cwnd_and_prior_cwnd() {
        FakeTcp tp = socket();
        Cubic cubic = new Cubic();
        cubic.init(tp);
        tp.cwnd = 100;
        tp.priorCwnd = 100;
        tp.ssthresh = cubic.ssthresh(tp);
        tp.cwnd = 70;
        assertEquals(100, cubic.undoCwnd(tp));
        tp.cwnd = 130;
        assertEquals(130, cubic.undoCwnd(tp));
    }

    /**
     * Before any loss (last_max_cwnd = 0) the cubic curve starts flat at cwnd, which alone would
     * give cnt = 100 * cwnd; Linux caps cnt at 20, +5 % per RTT. At cwnd 100 the Reno estimate
     * (+1 per 100 * 15 / 8 = 187 acks) is slower, so the cap decides: +1 per 20 acks.
     */
    @Test
    void before_the_first_loss_growth_is_capped_at_5_percent_per_rtt() {
        FakeTcp tp = socket();
        Cubic cubic = new Cubic();
        cubic.init(tp);
        tp.cwnd = 100;
        tp.ssthresh = 100; // HyStart (or initial_ssthresh) ended slow start without a loss
        AckClock clock = new AckClock(tp, cubic, 100_000);
        clock.ack(100_000);
        assertEquals(20, cubic.cnt());
        clock.round(); // 100 acks -> +5
        assertEquals(105, tp.cwnd);
    }

    /** Far above W_max (t - K large), cnt would be 0; the floor of 2 limits growth to 1.5x per RTT. */
    @Test
    void cnt_never_goes_below_two() {
        FakeTcp tp = socket();
        Cubic cubic = new Cubic();
        cubic.init(tp);
        tp.cwnd = 200;
        tp.ssthresh = cubic.ssthresh(tp);
        tp.cwnd = tp.ssthresh;
        AckClock clock = new AckClock(tp, cubic, 100_000);
        clock.round();
        tp.nowUs += 20_000_000; // 20 s later, K = 5.3 s: target ~ 200 + 0.4 * 14.7^3
        clock.ack(100_000);
        assertEquals(2, cubic.cnt());
        int before = tp.cwnd;
        clock.round();
        assertEquals(before + before / 2, tp.cwnd, 1);
    }

    /**
     * tcp_event_data_sent raises CA_EVENT_TX_START when data leaves an idle socket. Cubic moves
     * epoch_start forward by the idle time (now - lsndtime), so the idle period does not count
     * on the cubic curve:
     * <pre>
     *  10 rounds after a loss from 200 (cwnd 169), then 20 s idle
     *    with TX_START    : epoch_start += 20000 jiffies, next round like no idle at all (171)
     *    without the event: t jumps by 20 s, cnt = 2, next round +50 %
     * </pre>
     */
    @Test
    void txStart_after_idle_shifts_the_epoch_so_idle_time_does_not_count() {
        int noIdle = cwndAfterIdle(0, false);
        assertEquals(noIdle, cwndAfterIdle(20_000_000, true));
        int jumped = cwndAfterIdle(20_000_000, false);
        assertTrue(jumped > noIdle * 14 / 10, jumped + " vs " + noIdle);
    }

    @Test
    void txStart_moves_epoch_start_by_the_idle_jiffies_but_not_past_now() {
        FakeTcp tp = socket();
        Cubic cubic = new Cubic();
        cubic.init(tp);
        tp.cwnd = 200;
        tp.ssthresh = cubic.ssthresh(tp);
        tp.cwnd = tp.ssthresh;
        new AckClock(tp, cubic, 100_000).round();
        int epoch = cubic.epochStart();
        tp.lastSendUs = tp.nowUs;
        tp.nowUs += 20_000_000;
        cubic.cwndEvent(tp, CaEvent.TX_START);
        assertEquals(epoch + 20_000, cubic.epochStart());
        cubic.cwndEvent(tp, CaEvent.CWND_RESTART); // ignored by cubic
        assertEquals(epoch + 20_000, cubic.epochStart());
        tp.lastSendUs = T0_US - 60_000_000; // lsndtime before the epoch began: clamp at now
        cubic.cwndEvent(tp, CaEvent.TX_START);
        assertEquals(Jiffies.fromUs(tp.nowUs), cubic.epochStart());
    }

    private static int cwndAfterIdle(long idleUs, boolean txStart) {
        FakeTcp tp = socket();
        Cubic cubic = new Cubic();
        cubic.init(tp);
        tp.cwnd = 200;
        tp.ssthresh = cubic.ssthresh(tp);
        tp.cwnd = tp.ssthresh;
        AckClock clock = new AckClock(tp, cubic, 100_000);
        for (int r = 0; r < 10; r++) {
            clock.round();
        }
        assertEquals(169, tp.cwnd);
        tp.nowUs += idleUs;
        if (txStart) {
            cubic.cwndEvent(tp, CaEvent.TX_START);
        }
        clock.round();
        return tp.cwnd;
    }

    @Test
    void no_growth_when_not_cwnd_limited() {
        FakeTcp tp = socket();
        Cubic cubic = new Cubic();
        cubic.init(tp);
        tp.cwndLimited = false;
        cubic.congAvoid(tp, 0, 5);
        assertEquals(10, tp.cwnd);
        tp.ssthresh = 5;
        cubic.congAvoid(tp, 0, 500);
        assertEquals(10, tp.cwnd);
        assertEquals(0, cubic.epochStart()); // bictcp_update did not even run
    }

    @Test
    void slow_start_hands_leftover_acks_to_the_cubic_update() {
        FakeTcp tp = socket();
        Cubic cubic = new Cubic(CubicParams.DEFAULTS.withHystart(false));
        cubic.init(tp);
        tp.cwnd = 38;
        tp.ssthresh = 40;
        cubic.congAvoid(tp, 0, 5); // 2 to slow start, 3 to tcp_cong_avoid_ai(cnt = 20)
        assertEquals(40, tp.cwnd);
        assertEquals(3, tp.cwndCnt);
        assertTrue(cubic.epochStart() != 0);
    }

    /** cubictcp_acked: delay_min tracking, and samples ignored for 1 s (HZ) after an epoch starts. */
    @Test
    void delayMin_ignores_samples_in_the_first_second_of_an_epoch() {
        FakeTcp tp = socket();
        Cubic cubic = new Cubic();
        cubic.init(tp);
        cubic.pktsAcked(tp, FakeTcp.ack(1, -1)); // no RTT sample
        assertEquals(0, cubic.delayMin());
        cubic.pktsAcked(tp, FakeTcp.ack(1, 0)); // 0 counts as 1 us
        assertEquals(1, cubic.delayMin());
        cubic = new Cubic();
        cubic.init(tp);
        cubic.pktsAcked(tp, FakeTcp.ack(1, 50_000));
        cubic.pktsAcked(tp, FakeTcp.ack(1, 60_000));
        assertEquals(50_000, cubic.delayMin());
        tp.cwnd = 100;
        tp.ssthresh = cubic.ssthresh(tp);
        tp.cwnd = tp.ssthresh;
        cubic.congAvoid(tp, 0, 1); // the epoch starts now
        tp.nowUs += 999_000;
        cubic.pktsAcked(tp, FakeTcp.ack(1, 40_000));
        assertEquals(50_000, cubic.delayMin());
        tp.nowUs += 1_000;
        cubic.pktsAcked(tp, FakeTcp.ack(1, 40_000));
        assertEquals(40_000, cubic.delayMin());
    }
}
