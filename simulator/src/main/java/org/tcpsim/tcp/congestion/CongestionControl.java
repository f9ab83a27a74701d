package org.tcpsim.tcp.congestion;

/**
 * One socket's congestion control: the hooks of {@code struct tcp_congestion_ops}
 * (include/net/tcp.h) together with the module's private state ({@code icsk_ca_priv}), so one
 * instance per socket. Hooks carry the kernel's names; each runs where Linux calls it:
 * <ul>
 * <li>{@link #init}: tcp_init_congestion_control(), when the connection is established;</li>
 * <li>{@link #ssthresh}: on entering Recovery, CWR or Loss (tcp_init_cwnd_reduction, tcp_enter_loss);</li>
 * <li>{@link #congAvoid}: tcp_cong_avoid() from tcp_cong_control(), when cwnd may grow;</li>
 * <li>{@link #setState}: tcp_set_ca_state(), before icsk_ca_state changes;</li>
 * <li>{@link #cwndEvent}: tcp_ca_event();</li>
 * <li>{@link #pktsAcked}: tcp_clean_rtx_queue(), once per ACK that acks something;</li>
 * <li>{@link #undoCwnd}: tcp_undo_cwnd_reduction(), when a reduction proves spurious.</li>
 * </ul>
 */
public interface CongestionControl {
    /** .name, as {@code TCP_CONGESTION} and {@code net.ipv4.tcp_congestion_control} spell it. */
    String name();

    /** .init (optional in Linux; a no-op for reno). */
    void init(CongestionState tp);

    /** .ssthresh: the new slow-start threshold after a loss (required). */
    int ssthresh(CongestionState tp);

    /** .cong_avoid(sk, ack, acked): grow cwnd; {@code acked} = packets newly acked or SACKed. */
    void congAvoid(CongestionState tp, int ack, int acked);

    /** .set_state: called with the state being entered. */
    default void setState(CongestionState tp, CaState state) {
    }

    /** .cwnd_event. */
    default void cwndEvent(CongestionState tp, CaEvent event) {
    }

    /** .pkts_acked with struct ack_sample {pkts_acked, rtt_us}; {@code rttUs < 0} when the ACK gave no sample. */
    default void pktsAcked(CongestionState tp, int acked, long rttUs) {
    }

    /** .undo_cwnd: the cwnd to restore after an undo (required). */
    int undoCwnd(CongestionState tp);
}
