package org.tcpsim.api;

/**
 * A destination as an ENDPOINT parameter names it ({@code "10.0.0.2:5001"} or {@code "server:5001"}),
 * resolved against the topology when the experiment is read.
 *
 * @param host    the name of the node that owns the address
 * @param address the IPv4 address, dotted ({@code "10.0.0.2"})
 * @param port    the port, or -1 when the text gave none
 */
public record Endpoint(String host, String address, int port) {
    /**
     * This endpoint with {@code port} when it names none.
     *
     * @param defaultPort the port to use when the text gave none
     * @return an endpoint with a port
     */
    public Endpoint withDefaultPort(int defaultPort) {
        return port > 0 ? this : new Endpoint(host, address, defaultPort);
    }
}
