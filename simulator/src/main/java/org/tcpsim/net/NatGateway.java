package org.tcpsim.net;

/**
 * A NAT node: a public address and an inside address. Address translation and conntrack are
 * not modelled yet; for now it routes like a router, so topologies that name a NAT already
 * run (the README's fidelity table says so).
 */
public final class NatGateway extends Router {
    NatGateway(Network network, int index, String name, int publicAddress, int insideAddress) {
        super(network, index, name, publicAddress, insideAddress);
    }

    @Override
    public NodeKind kind() {
        return NodeKind.NAT;
    }
}
