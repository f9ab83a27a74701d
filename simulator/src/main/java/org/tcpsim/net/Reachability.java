package org.tcpsim.net;

import java.util.ArrayList;
import java.util.List;

/**
 * Which nodes can reach which, given that only routers and NAT gateways forward: a path may pass
 * through them but not through a host. Forwarding nodes joined by links form components; a host
 * reaches its direct neighbours and whatever its forwarding neighbours' components hold.
 */
public final class Reachability {
    private final boolean[] forwards;
    private final List<List<Integer>> neighbours;
    private final int[] component;

    /**
     * @param forwards per node index, whether it forwards transit packets
     * @param links    pairs {a, b} of node indexes joined by a link
     */
    public Reachability(boolean[] forwards, List<int[]> links) {
        int n = forwards.length;
        this.forwards = forwards.clone();
        this.neighbours = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            neighbours.add(new ArrayList<>(2));
        }
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (int[] l : links) {
            neighbours.get(l[0]).add(l[1]);
            neighbours.get(l[1]).add(l[0]);
            if (forwards[l[0]] && forwards[l[1]]) {
                parent[find(parent, l[0])] = find(parent, l[1]);
            }
        }
        component = new int[n];
        for (int i = 0; i < n; i++) {
            component[i] = find(parent, i);
        }
    }

    public static boolean forwards(NodeKind kind) {
        return kind != NodeKind.HOST;
    }

    /** Whether a packet sent by {@code src} can arrive at {@code dst}. */
    public boolean canReach(int src, int dst) {
        if (src == dst) {
            return true;
        }
        for (int n : neighbours.get(src)) {
            if (n == dst) {
                return true;
            }
            if (!forwards[n]) {
                continue;
            }
            if (forwards[dst]) {
                if (component[n] == component[dst]) {
                    return true;
                }
            } else {
                for (int m : neighbours.get(dst)) {
                    if (forwards[m] && component[m] == component[n]) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }
}
