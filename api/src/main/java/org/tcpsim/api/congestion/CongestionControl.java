package org.tcpsim.api.congestion;

/**
 * One socket's congestion control: the hooks of {@code struct tcp_congestion_ops}
 * (include/net/tcp.h, Linux 6.18) together with the module's private state ({@code icsk_ca_priv}),
 * so one instance per socket, made by {@link CongestionControlFactory#create()}. Each hook keeps the
 * kernel's name and runs where Linux calls it:
 * <ul>
 * <li>{@link #init}: tcp_init_congestion_control(), when the connection is established;</li>
 * <li>{@link #release}: tcp_cleanup_congestion_control(), when the socket is destroyed;</li>
 * <li>{@link #ssthresh}: on entering Recovery, CWR or Loss (tcp_init_cwnd_reduction, tcp_enter_loss);</li>
 * <li>{@link #congAvoid}: tcp_cong_avoid() from tcp_cong_control(), outside a cwnd reduction, when cwnd may grow;</li>
 * <li>{@link #congControl}: tcp_cong_control(), at the end of every ACK's processing, instead of
 *     PRR and cong_avoid, for a module that implements it (BBR);</li>
 * <li>{@link #setState}: tcp_set_ca_state(), before icsk_ca_state changes;</li>
 * <li>{@link #cwndEvent}: tcp_ca_event();</li>
 * <li>{@link #inAckEvent}: tcp_in_ack_event(), for every ACK that is processed;</li>
 * <li>{@link #pktsAcked}: tcp_clean_rtx_queue(), once per ACK that acknowledges or SACKs something;</li>
 * <li>{@link #undoCwnd}: tcp_undo_cwnd_reduction(), when a reduction proves spurious;</li>
 * <li>{@link #sndbufExpand}: tcp_sndbuf_expand(), the multiple of the window the send buffer grows to;</li>
 * <li>{@link #minTsoSegs}: tcp_tso_segs(), the fewest segments per GSO packet of a paced flow.</li>
 * </ul>
 * As tcp_register_congestion_control() requires, a module implements {@link #ssthresh},
 * {@link #undoCwnd} and one of {@link #congAvoid} or {@link #congControl}; the simulator checks
 * this when the experiment is read. The other hooks default to Linux's behaviour when the pointer
 * is NULL. Not part of the contract: get_info (no inet_diag), and ECN (tcpsim models none, so
 * TCP_CONG_NEEDS_ECN has no meaning).
 *
 * <p>Instances run on the simulation's thread only; a module keeps everything it needs in its
 * instance fields (no static mutable state: runs of a sweep execute in parallel threads).
 */
public interface CongestionControl {
    /**
     * .init (optional): set up the private state; the socket may already have sent its SYN.
     *
     * @param sk the socket
     */
    default void init(TcpSock sk) {
    }

    /**
     * .release (optional): the socket is destroyed.
     *
     * @param sk the socket
     */
    default void release(TcpSock sk) {
    }

    /**
     * .ssthresh (required): the new slow-start threshold after a loss or ECN signal.
     *
     * @param sk the socket
     * @return packets
     */
    int ssthresh(TcpSock sk);

    /**
     * .cong_avoid(sk, ack, acked): grow cwnd. Called outside Recovery and CWR when the ACK
     * advanced the window (tcp_may_raise_cwnd); the module checks tcp_is_cwnd_limited itself.
     * Required unless {@link #congControl} is implemented.
     *
     * @param sk    the socket
     * @param ack   the acknowledgement number
     * @param acked packets newly acknowledged or SACKed by this ACK
     */
    default void congAvoid(TcpSock sk, int ack, int acked) {
    }

    /**
     * .cong_control(sk, ack, flag, rs): full control of cwnd and the pacing rate after every
     * ACK, in place of PRR and cong_avoid (and of the idle restart of cwnd). Linux 6.10+ signature.
     * See {@link RateSample} for what tcpsim fills today.
     *
     * @param sk   the socket
     * @param ack  the acknowledgement number
     * @param flag the ACK's FLAG_* bits ({@link AckFlags})
     * @param rs   this ACK's rate sample
     */
    default void congControl(TcpSock sk, int ack, int flag, RateSample rs) {
    }

    /**
     * .set_state: called with the state being entered, before icsk_ca_state changes.
     *
     * @param sk       the socket
     * @param newState the state being entered
     */
    default void setState(TcpSock sk, CaState newState) {
    }

    /**
     * .cwnd_event.
     *
     * @param sk    the socket
     * @param event what happened
     */
    default void cwndEvent(TcpSock sk, CaEvent event) {
    }

    /**
     * .in_ack_event: an ACK arrived.
     *
     * @param sk    the socket
     * @param flags {@link CaAckEvent} bits
     */
    default void inAckEvent(TcpSock sk, int flags) {
    }

    /**
     * .pkts_acked: accounting of the packets this ACK acknowledged, with its RTT sample.
     *
     * @param sk     the socket
     * @param sample what the ACK acknowledged (valid during the call only)
     */
    default void pktsAcked(TcpSock sk, AckSample sample) {
    }

    /**
     * .undo_cwnd (required): the cwnd to restore after an undo.
     *
     * @param sk the socket
     * @return packets
     */
    int undoCwnd(TcpSock sk);

    /**
     * .sndbuf_expand: how many windows of data the send buffer grows to hold (Linux uses 2
     * when the module has no hook; BBR asks for 3).
     *
     * @param sk the socket
     * @return a multiple of the window
     */
    default int sndbufExpand(TcpSock sk) {
        return 2;
    }

    /**
     * .min_tso_segs: the fewest segments tcp_tso_segs() puts in one GSO packet (BBR: 1 below
     * 1.2 Mbit/s of pacing rate, else 2). It matters for paced flows only: tcpsim sends a paced
     * flow's new data in GSO packets of tcp_tso_autosize() segments, one departure time each, and
     * every other flow segment by segment, which puts the same segments on the wire at the same times.
     *
     * @param sk the socket
     * @return segments; 0 (no hook, the default) for net.ipv4.tcp_min_tso_segs
     */
    default int minTsoSegs(TcpSock sk) {
        return 0;
    }
}
