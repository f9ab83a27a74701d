package org.tcpsim.net;

/** Whoever is bound to a UDP port on a host. */
@FunctionalInterface
public interface DatagramReceiver {
    void receive(Datagram d, long now);
}
