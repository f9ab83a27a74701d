package org.tcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tcpsim.tcp.TcpTimeline.MS;
import static org.tcpsim.tcp.TcpTimeline.S;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tcpsim.kernel.KernelVersion;
import org.tcpsim.kernel.MibCounter;
import org.tcpsim.net.LinkDirection;
import org.tcpsim.net.loss.LossModelSpec;

/**
 * The MIB counters of one clean transfer (reference section 12), as nstat would show them on
 * each host: the client connects, sends 1 MB and close()s; the server reads to EOF and closes
 * (at once, or 1 s later so that the client sits in FIN_WAIT2 first).
 */
class MibCounterConformanceTest {

    /**
     * [6.18] tcp_output.c: tcp_connect (ActiveOpens, client); tcp_minisocks.c:
     * tcp_create_openreq_child (PassiveOpens, server); __tcp_retransmit_skb / tcp_rtx_synack
     * (RetransSegs: none without loss); inet_timewait_sock.c: __inet_twsk_schedule counts TW once
     * per timewait sock when it is first scheduled (rearm = false) with a timeout > 4 s. The
     * orphaned client that reaches FIN_WAIT2 becomes a FIN_WAIT2-substate timewait sock
     * (tcp_time_wait(sk, TCP_FIN_WAIT2, tmo): TW + 1); the FIN then turns that same sock into
     * TIME_WAIT via inet_twsk_reschedule (rearm = true: not counted again). If the FIN comes with
     * the ACK of ours, tcp_rcv_state_process keeps the full socket (th->fin) and tcp_fin ->
     * tcp_time_wait(TCP_TIME_WAIT) counts the one TW. Either way TcpExtTW = 1 on the active closer,
     * 0 on the passive one (LAST_ACK -> CLOSE never enters TIME_WAIT).
     */
    @ParameterizedTest(name = "server closes {0} ms after EOF")
    @ValueSource(ints = {0, 1000})
    void clean_transfer_counts_one_open_each_way_no_retransmission_and_one_time_wait(int serverCloseDelayMs) {
        LinkDirection d = new LinkDirection(100_000_000, 5 * MS, 1000, true, 1500, LossModelSpec.NONE, 0, 0, 0);
        TcpTestbed tb = new TcpTestbed(1, d, d, KernelVersion.V6_18);
        ConnectionCloseTest.Server srv = new ConnectionCloseTest.Server(tb, serverCloseDelayMs * MS, true);
        srv.listen();
        TcpTransferTest.Source src = new TcpTransferTest.Source(1_000_000);
        TcpSocket c = tb.client.connect(TcpTestbed.SERVER, 80, SocketOptions.DEFAULTS, src);
        tb.sim.run(200 * S);

        assertEquals(1_000_000, srv.received);
        assertEquals(TcpState.CLOSED, c.state());
        assertEquals(TcpState.CLOSED, srv.sock.state());
        assertNull(c.errno());
        assertNull(srv.sock.errno());
        assertTrue(tb.trace.contains("client FIN_WAIT2->TIME_WAIT") || tb.trace.contains("client CLOSING->TIME_WAIT"),
                tb.trace.toString());

        assertEquals(1, tb.client.counter(MibCounter.TCP_ACTIVE_OPENS), "client TcpActiveOpens");
        assertEquals(0, tb.client.counter(MibCounter.TCP_PASSIVE_OPENS), "client TcpPassiveOpens");
        assertEquals(0, tb.server.counter(MibCounter.TCP_ACTIVE_OPENS), "server TcpActiveOpens");
        assertEquals(1, tb.server.counter(MibCounter.TCP_PASSIVE_OPENS), "server TcpPassiveOpens");
        for (TcpStack h : new TcpStack[] {tb.client, tb.server}) {
            String n = h.host().name() + " ";
            assertEquals(0, h.counter(MibCounter.TCP_RETRANS_SEGS), n + "TcpRetransSegs");
            assertEquals(0, h.counter(MibCounter.TCP_SYN_RETRANS), n + "TcpExtTCPSynRetrans");
            assertEquals(0, h.counter(MibCounter.TCP_TIMEOUTS), n + "TcpExtTCPTimeouts");
            assertEquals(0, h.counter(MibCounter.TCP_ATTEMPT_FAILS), n + "TcpAttemptFails");
            assertEquals(0, h.counter(MibCounter.TCP_ESTAB_RESETS), n + "TcpEstabResets");
            assertEquals(0, h.counter(MibCounter.TCP_OUT_RSTS), n + "TcpOutRsts");
        }
        // every byte went once: OrigDataSent = ceil(1e6 / 1448) data segments
        assertEquals((1_000_000 + 1447) / 1448, tb.client.counter(MibCounter.TCP_ORIG_DATA_SENT),
                "TcpExtTCPOrigDataSent");
        assertEquals(0, tb.server.counter(MibCounter.TW), "TcpExtTW on the passive closer");
        assertEquals(1, tb.client.counter(MibCounter.TW), "TcpExtTW on the active closer: " + tb.trace);
    }
}
