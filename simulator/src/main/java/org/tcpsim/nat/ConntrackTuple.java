package org.tcpsim.nat;

import org.tcpsim.net.Packet;

/** One direction of a flow as conntrack keys it (struct nf_conntrack_tuple). */
record ConntrackTuple(int protocol, int srcIp, int srcPort, int dstIp, int dstPort) {
    static ConntrackTuple of(Packet p) {
        return new ConntrackTuple(p.protocol, p.src, p.sourcePort(), p.dst, p.destinationPort());
    }

    /** The tuple packets of the other direction carry (nf_ct_invert_tuple). */
    ConntrackTuple inverse() {
        return new ConntrackTuple(protocol, dstIp, dstPort, srcIp, srcPort);
    }

    ConntrackTuple withSource(int ip, int port) {
        return new ConntrackTuple(protocol, ip, port, dstIp, dstPort);
    }
}
