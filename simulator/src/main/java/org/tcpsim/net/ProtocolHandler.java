package org.tcpsim.net;

/** A transport protocol on a host (the kernel's inet_protos entry): takes packets addressed to the host. */
@FunctionalInterface
public interface ProtocolHandler {
    void deliver(Packet p, long now);
}
