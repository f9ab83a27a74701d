package org.tcpsim.api.congestion;

/** enum tcp_ca_state (include/uapi/linux/tcp.h), in the kernel's order: TCP_CA_Open = 0 ... TCP_CA_Loss = 4. */
public enum CaState {
    /** TCP_CA_Open: nothing suspicious. */
    OPEN,
    /** TCP_CA_Disorder: SACKs or dupacks seen, no loss decided yet. */
    DISORDER,
    /** TCP_CA_CWR: cwnd reduced for ECN or local congestion, no retransmission. */
    CWR,
    /** TCP_CA_Recovery: fast retransmit / fast recovery. */
    RECOVERY,
    /** TCP_CA_Loss: retransmission timeout (or SACK reneging). */
    LOSS
}
