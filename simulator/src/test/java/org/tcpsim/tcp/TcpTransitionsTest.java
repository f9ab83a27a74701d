package org.tcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every (state, event) pair against the RFC 9293 state diagram (section 3.3.2) as Linux runs it.
 * The expected table is written out in full here, independently of the code, so any change to
 * a single cell fails.
 */
class TcpTransitionsTest {
    private static final String[] EVENTS = {"APP_CONNECT", "APP_LISTEN", "APP_CLOSE", "APP_ABORT", "RCV_SYN",
        "RCV_SYN_ACK", "RCV_ACK_OF_SYN", "RCV_FIN", "RCV_ACK_OF_FIN", "RCV_RST", "TIMEOUT", "TIMER_EXPIRED"};

    // rows: state; columns: EVENTS above; "-" = no transition
    private static final String TABLE = """
            CLOSED      SYN_SENT LISTEN - - - - - - - - - -
            LISTEN      - LISTEN CLOSED CLOSED SYN_RECV - - - - - - -
            SYN_SENT    - - CLOSED CLOSED SYN_RECV ESTABLISHED - - - CLOSED CLOSED -
            SYN_RECV    - - FIN_WAIT1 CLOSED - - ESTABLISHED CLOSE_WAIT - CLOSED CLOSED -
            ESTABLISHED - - FIN_WAIT1 CLOSED - - - CLOSE_WAIT - CLOSED CLOSED -
            FIN_WAIT1   - - - CLOSED - - - CLOSING FIN_WAIT2 CLOSED CLOSED -
            FIN_WAIT2   - - - CLOSED - - - TIME_WAIT - CLOSED - CLOSED
            CLOSE_WAIT  - - LAST_ACK CLOSED - - - - - CLOSED CLOSED -
            CLOSING     - - - CLOSED - - - - TIME_WAIT CLOSED CLOSED -
            LAST_ACK    - - - CLOSED - - - - CLOSED CLOSED CLOSED -
            TIME_WAIT   - - - - - - - - - CLOSED - CLOSED
            """;

    @Test
    void every_state_and_event_matches_the_rfc_9293_table() {
        Map<TcpState, String[]> expected = new EnumMap<>(TcpState.class);
        for (String line : TABLE.strip().split("\n")) {
            String[] cells = line.trim().split("\\s+");
            String[] row = new String[EVENTS.length];
            System.arraycopy(cells, 1, row, 0, EVENTS.length);
            expected.put(TcpState.valueOf(cells[0]), row);
        }
        assertEquals(TcpState.values().length, expected.size(), "table covers every state");
        assertEquals(TcpEvent.values().length, EVENTS.length, "table covers every event");
        for (TcpState s : TcpState.values()) {
            for (int e = 0; e < EVENTS.length; e++) {
                TcpEvent event = TcpEvent.valueOf(EVENTS[e]);
                String want = expected.get(s)[e];
                TcpState got = TcpTransitions.next(s, event);
                assertEquals(want, got == null ? "-" : got.name(), s + " on " + event);
            }
        }
    }
}
