package org.tcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TcpTransferTest {
    static final long MS = 1_000_000;

    /** Receives and counts every byte; closes when the peer does. */
    static final class Sink implements SocketCallbacks {
        long received;
        boolean eof;
        String closedWith = "open";

        @Override
        public void readable(TcpSocket s, long now) {
            while (true) {
                int n = s.read(1 << 20, now);
                if (n > 0) {
                    received += n;
                } else {
                    if (n < 0 && !eof) {
                        eof = true;
                        s.close(now);
                    }
                    return;
                }
            }
        }

        @Override
        public void closed(TcpSocket s, String errno, long now) {
            closedWith = errno;
        }
    }

    /** Writes {@code total} bytes as fast as the send buffer takes them, then closes. */
    static class Source implements SocketCallbacks {
        final long total;
        long written;
        String closedWith = "open";
        boolean connected;

        Source(long total) {
            this.total = total;
        }

        @Override
        public void connected(TcpSocket s, long now) {
            connected = true;
            writable(s, now);
        }

        @Override
        public void writable(TcpSocket s, long now) {
            while (written < total) {
                int n = s.write((int) Math.min(1 << 20, total - written), now);
                if (n == 0) {
                    return;
                }
                written += n;
            }
            s.close(now);
        }

        @Override
        public void closed(TcpSocket s, String errno, long now) {
            closedWith = errno;
        }
    }

    @Test
    void a_bulk_transfer_arrives_whole_and_both_sides_close() {
        TcpTestbed tb = TcpTestbed.simple(5 * MS);
        Sink sink = new Sink();
        tb.server.listen(5001, 128, SocketOptions.DEFAULTS, (l, now) -> l.accept(sink));
        Source src = new Source(10_000_000);
        TcpSocket c = tb.client.connect(TcpTestbed.SERVER, 5001, SocketOptions.DEFAULTS, src);
        tb.sim.run(120_000 * MS);
        assertTrue(src.connected);
        assertEquals(10_000_000, sink.received, tb.trace.toString());
        assertTrue(sink.eof);
        assertEquals(10_000_000, c.bytesAcked());
        assertNull(c.errno());
        assertEquals(TcpState.CLOSED, c.state(), "TIME_WAIT over after 60 s: " + tb.trace);
        assertEquals(java.util.List.of("client CLOSED->SYN_SENT", "server LISTEN->SYN_RECV",
                "client SYN_SENT->ESTABLISHED", "server SYN_RECV->ESTABLISHED", "client ESTABLISHED->FIN_WAIT1",
                "server ESTABLISHED->CLOSE_WAIT", "server CLOSE_WAIT->LAST_ACK", "client FIN_WAIT1->FIN_WAIT2",
                "client FIN_WAIT2->TIME_WAIT", "server LAST_ACK->CLOSED", "client TIME_WAIT->CLOSED"), tb.trace);
        long goodput = 10_000_000L * 8 * 1_000_000_000L / (c.endedAtNs() - c.establishedAtNs());
        assertTrue(goodput > 50_000_000, "a 100 Mbps link should carry well over half its rate: " + goodput);
    }
}
