package org.tcpsim.nat;

import org.tcpsim.engine.Event;
import org.tcpsim.engine.Simulation;
import org.tcpsim.engine.Timer;

/** One tracked flow (struct nf_conn): both tuples, the TCP state, the status bits and the expiry timer. */
final class Conntrack implements Event {
    final ConntrackTuple original;
    final ConntrackTuple reply;
    TcpConntrackState tcpState;
    /** IPS_SEEN_REPLY. */
    boolean seenReply;
    /** IPS_ASSURED: early_drop leaves it alone unless it is closing. */
    boolean assured;
    /** Position in the table's list of live entries (for sampling and swap-removal). */
    int slot = -1;
    private final ConntrackTable table;
    final Timer timeout;

    Conntrack(ConntrackTable table, Simulation sim, ConntrackTuple original, ConntrackTuple reply) {
        this.table = table;
        this.original = original;
        this.reply = reply;
        this.tcpState = original.protocol() == ConntrackTable.PROTO_TCP ? TcpConntrackState.NONE : null;
        this.timeout = new Timer(sim, this);
    }

    /** Whether early_drop may take this entry (nf_ct_can_early_drop). */
    boolean canEarlyDrop() {
        return !assured || (tcpState != null && tcpState.closing());
    }

    @Override
    public void fire(long now) {
        table.expire(this);
    }
}
