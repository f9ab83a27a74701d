package org.tcpsim.net;

/** A full-duplex link between two nodes: one {@link Interface} each way. */
public record Link(String name, Interface aToB, Interface bToA) {
}
