package org.tcpsim.tcp.congestion;

/** enum tcp_ca_event (include/net/tcp.h): what the socket tells a module through .cwnd_event. */
public enum CaEvent {
    /** CA_EVENT_TX_START: first transmit when no packets are in flight. */
    TX_START,
    /** CA_EVENT_CWND_RESTART: congestion window restart (after idle). */
    CWND_RESTART,
    /** CA_EVENT_COMPLETE_CWR: end of congestion recovery. */
    COMPLETE_CWR,
    /** CA_EVENT_LOSS: loss timeout. */
    LOSS,
    /** CA_EVENT_ECN_NO_CE: ECT set, but not CE marked. */
    ECN_NO_CE,
    /** CA_EVENT_ECN_IS_CE: received a CE-marked IP packet. */
    ECN_IS_CE
}
