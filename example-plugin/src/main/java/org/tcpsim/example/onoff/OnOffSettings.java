package org.tcpsim.example.onoff;

import org.tcpsim.api.Endpoint;

/**
 * One on-off workload's configuration.
 *
 * @param from      the sending host
 * @param to        the receiver, with its port
 * @param burst     bytes per burst
 * @param meanOffNs mean idle time after a burst is written
 * @param startNs   when the connection opens
 * @param bursts    bursts to send, 0 for no limit
 */
record OnOffSettings(String from, Endpoint to, long burst, long meanOffNs, long startNs, int bursts) {
}
