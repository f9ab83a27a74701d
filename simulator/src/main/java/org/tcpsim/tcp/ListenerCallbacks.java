package org.tcpsim.tcp;

/** What a listening application hears: a connection is waiting in the accept queue. */
@FunctionalInterface
public interface ListenerCallbacks {
    void acceptable(TcpListener listener, long now);
}
