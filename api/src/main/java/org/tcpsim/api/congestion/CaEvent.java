package org.tcpsim.api.congestion;

/**
 * enum tcp_ca_event (include/net/tcp.h): what the socket tells a module through
 * {@link CongestionControl#cwndEvent}. tcpsim models no ECN, so it never raises the two ECN events;
 * CA_EVENT_LOSS is not raised either (Linux raises it from tcp_enter_loss only for modules that
 * keep state across an RTO through it; set_state(LOSS) is called in any case).
 */
public enum CaEvent {
    /** CA_EVENT_TX_START: first transmit when no packets are in flight (before lsndtime is updated). */
    TX_START,
    /** CA_EVENT_CWND_RESTART: congestion window restart after an idle period longer than the RTO. */
    CWND_RESTART,
    /**
     * CA_EVENT_COMPLETE_CWR: end of a cwnd reduction (tcp_end_cwnd_reduction), when CWR or Recovery
     * ends (an undone Recovery too) and when a tail loss probe repaired a loss; raised after cwnd was
     * set to ssthresh (left as the undo set it after an undo). Never for a module with
     * {@code congControl}.
     */
    COMPLETE_CWR,
    /** CA_EVENT_LOSS: loss timeout (not raised by tcpsim yet). */
    LOSS,
    /** CA_EVENT_ECN_NO_CE: ECT set, but not CE marked (never raised: no ECN in tcpsim). */
    ECN_NO_CE,
    /** CA_EVENT_ECN_IS_CE: received a CE-marked IP packet (never raised: no ECN in tcpsim). */
    ECN_IS_CE
}
