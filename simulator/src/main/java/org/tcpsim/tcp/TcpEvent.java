package org.tcpsim.tcp;

/** What can move a connection from one state to another (RFC 9293 section 3.3.2, as Linux runs it). */
public enum TcpEvent {
    /** connect(): SYN sent (tcp_v4_connect). */
    APP_CONNECT,
    /** listen() (inet_listen). */
    APP_LISTEN,
    /** close() without abort (tcp_close_state). */
    APP_CLOSE,
    /** close() with unread data or SO_LINGER 0: RST sent (tcp_disconnect / tcp_send_active_reset). */
    APP_ABORT,
    /** A SYN without ACK: at a listener it makes a request sock; in SYN_SENT it is a simultaneous open. */
    RCV_SYN,
    /** SYN-ACK acknowledging our SYN (tcp_rcv_synsent_state_process). */
    RCV_SYN_ACK,
    /** The ACK completing the handshake (tcp_check_req / tcp_rcv_state_process SYN_RECV). */
    RCV_ACK_OF_SYN,
    /** A FIN in sequence (tcp_fin). */
    RCV_FIN,
    /** The ACK covering our FIN (tcp_rcv_state_process FIN_WAIT1, CLOSING, LAST_ACK). */
    RCV_ACK_OF_FIN,
    /** An acceptable RST (tcp_reset). */
    RCV_RST,
    /** Retransmission limit reached: tcp_syn_retries, tcp_retries2, tcp_orphan_retries (tcp_write_err). */
    TIMEOUT,
    /** TIME_WAIT's 60 s (TCP_TIMEWAIT_LEN), or an orphaned FIN_WAIT2's tcp_fin_timeout, ran out. */
    TIMER_EXPIRED
}
