package org.tcpsim.tcp;

import static org.tcpsim.tcp.TcpState.CLOSED;
import static org.tcpsim.tcp.TcpState.CLOSE_WAIT;
import static org.tcpsim.tcp.TcpState.CLOSING;
import static org.tcpsim.tcp.TcpState.ESTABLISHED;
import static org.tcpsim.tcp.TcpState.FIN_WAIT1;
import static org.tcpsim.tcp.TcpState.FIN_WAIT2;
import static org.tcpsim.tcp.TcpState.LAST_ACK;
import static org.tcpsim.tcp.TcpState.LISTEN;
import static org.tcpsim.tcp.TcpState.SYN_RECV;
import static org.tcpsim.tcp.TcpState.SYN_SENT;
import static org.tcpsim.tcp.TcpState.TIME_WAIT;

/**
 * Which state comes next: a pure (state, event) -> state function, kept apart from what is done
 * on entering a state. Returns null where the event does not apply in that state (the socket
 * then stays where it is; callers treat that as "ignore", never as a transition).
 */
public final class TcpTransitions {
    private TcpTransitions() {
    }

    public static TcpState next(TcpState state, TcpEvent event) {
        switch (event) {
            case APP_CONNECT:
                return state == CLOSED ? SYN_SENT : null;
            case APP_LISTEN:
                return state == CLOSED || state == LISTEN ? LISTEN : null;
            case APP_CLOSE:
                // tcp_close_state(): new_state[] table
                return switch (state) {
                    case LISTEN, SYN_SENT -> CLOSED;
                    case SYN_RECV, ESTABLISHED -> FIN_WAIT1;
                    case CLOSE_WAIT -> LAST_ACK;
                    default -> null; // already closing: close() changes nothing
                };
            case APP_ABORT:
                return state == CLOSED || state == TIME_WAIT ? null : CLOSED;
            case RCV_SYN:
                return state == LISTEN || state == SYN_SENT ? SYN_RECV : null;
            case RCV_SYN_ACK:
                return state == SYN_SENT ? ESTABLISHED : null;
            case RCV_ACK_OF_SYN:
                return state == SYN_RECV ? ESTABLISHED : null;
            case RCV_FIN:
                // tcp_fin()
                return switch (state) {
                    case SYN_RECV, ESTABLISHED -> CLOSE_WAIT;
                    case FIN_WAIT1 -> CLOSING;
                    case FIN_WAIT2 -> TIME_WAIT;
                    default -> null; // CLOSE_WAIT, CLOSING, LAST_ACK, TIME_WAIT: a retransmitted FIN
                };
            case RCV_ACK_OF_FIN:
                return switch (state) {
                    case FIN_WAIT1 -> FIN_WAIT2;
                    case CLOSING -> TIME_WAIT;
                    case LAST_ACK -> CLOSED;
                    default -> null;
                };
            case RCV_RST:
                // tcp_reset(); a listener ignores RSTs; TIME_WAIT is killed by an in-window RST (tcp_rfc1337 = 0)
                return state == CLOSED || state == LISTEN ? null : CLOSED;
            case TIMEOUT:
                return switch (state) {
                    case SYN_SENT, SYN_RECV, ESTABLISHED, FIN_WAIT1, CLOSE_WAIT, CLOSING, LAST_ACK -> CLOSED;
                    default -> null;
                };
            case TIMER_EXPIRED:
                return state == TIME_WAIT || state == FIN_WAIT2 ? CLOSED : null;
            default:
                throw new IllegalArgumentException("unknown event " + event);
        }
    }
}
