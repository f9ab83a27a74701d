package org.tcpsim.tcp;

import java.util.Set;
import org.tcpsim.engine.LongMap;

/**
 * How many ephemeral ports each destination (address, port) holds on this host, established or in
 * TIME_WAIT. Linux finds out by scanning the whole range on every connect(); the simulator keeps
 * the count so that a connect() that must fail with EADDRNOTAVAIL (every usable port taken, and
 * tcp_tw_reuse unable to free one) costs O(1) instead of a scan of the range. It changes no result.
 */
final class PortsInUse {
    private final TcpSettings settings;
    private final LongMap<int[]> byDestination = new LongMap<>();
    private int usableCache = -1;
    private Set<Integer> usableForListeners;

    PortsInUse(TcpSettings settings) {
        this.settings = settings;
    }

    void taken(int localPort, int remoteAddr, int remotePort) {
        if (ephemeral(localPort)) {
            long k = key(remoteAddr, remotePort);
            int[] n = byDestination.get(k);
            if (n == null) {
                byDestination.put(k, new int[] {1});
            } else {
                n[0]++;
            }
        }
    }

    void released(int localPort, int remoteAddr, int remotePort) {
        if (ephemeral(localPort)) {
            long k = key(remoteAddr, remotePort);
            int[] n = byDestination.get(k);
            if (n != null && --n[0] == 0) {
                byDestination.remove(k, n);
            }
        }
    }

    int count(int remoteAddr, int remotePort) {
        int[] n = byDestination.get(key(remoteAddr, remotePort));
        return n == null ? 0 : n[0];
    }

    /** Ports connect() may use: the range minus reserved ports minus listening ports. */
    int usable(Set<Integer> listeningPorts) {
        if (usableCache < 0 || !listeningPorts.equals(usableForListeners)) {
            int n = 0;
            for (int p = settings.portLow; p <= settings.portHigh; p++) {
                if (!settings.reservedPorts.get(p) && !listeningPorts.contains(p)) {
                    n++;
                }
            }
            usableCache = n;
            usableForListeners = Set.copyOf(listeningPorts);
        }
        return usableCache;
    }

    private boolean ephemeral(int port) {
        return port >= settings.portLow && port <= settings.portHigh && !settings.reservedPorts.get(port);
    }

    private static long key(int addr, int port) {
        return (long) addr << 16 | port;
    }
}
