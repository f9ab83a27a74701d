package org.tcpsim.net;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Static shortest-path routing, computed once per run. Each link direction costs its propagation
 * delay plus one nanosecond (so equal delays prefer fewer hops); only routers and NATs carry
 * transit traffic. A node with a single link has no choice: everything it sends leaves by that
 * link, and everything sent to it arrives through its one neighbour, so the shortest path to it
 * is the path to that neighbour plus the last hop. Shortest-path trees are therefore computed only
 * from nodes with a choice (two links or more) and only over such nodes: a dumbbell of 20 000
 * hosts and 2 routers runs two searches over 2 nodes, not 20 002 searches over 20 002, and each
 * router keeps a table of 2 entries. Equal-cost paths: the search settles nodes in order of
 * distance, then of node index, and a node keeps the first path that reached it at its distance
 * (jgrapht's Dijkstra, used before, broke such ties by its heap's order; RoutingTest holds the
 * two to the same routes wherever costs differ).
 */
final class Routing {
    /** For every node: its core index (a node with a choice), or for a single-link node its neighbour's; -1 if none. */
    final int[] coreOf;
    /** For a single-link node, its neighbour's index; -1 for the others. */
    final int[] gatewayOf;
    /** For a single-link node, the interface of its neighbour that leads to it. */
    final Interface[] downlink;

    private Routing(int[] coreOf, int[] gatewayOf, Interface[] downlink) {
        this.coreOf = coreOf;
        this.gatewayOf = gatewayOf;
        this.downlink = downlink;
    }

    static void install(Network net) {
        List<Node> nodes = net.nodes();
        int n = nodes.size();
        int[] coreIndex = new int[n];
        List<Node> core = new ArrayList<>();
        for (Node node : nodes) {
            coreIndex[node.index()] = node.interfaces.size() > 1 ? core.size() : -1;
            if (node.interfaces.size() > 1) {
                core.add(node);
            }
        }
        int[] coreOf = coreIndex.clone();
        int[] gatewayOf = new int[n];
        Arrays.fill(gatewayOf, -1);
        Interface[] downlink = new Interface[n];
        // each link once, both directions: the way into a single-link node is the other direction
        // of its one link (looking it up among the neighbour's interfaces cost a router with
        // 10 000 hosts 10 000 x 10 000 steps)
        for (Link l : net.links()) {
            for (Interface up : List.of(l.aToB(), l.bToA())) {
                Node node = up.owner();
                if (node.interfaces.size() != 1) {
                    continue;
                }
                Node gateway = up.peer();
                int i = node.index();
                gatewayOf[i] = gateway.index();
                downlink[i] = up == l.aToB() ? l.bToA() : l.aToB();
                // reached through its neighbour only if that neighbour forwards (a host does not)
                coreOf[i] = Reachability.forwards(gateway.kind()) ? coreIndex[gateway.index()] : -1;
            }
        }
        Routing routing = new Routing(coreOf, gatewayOf, downlink);
        for (Node node : nodes) {
            node.routing = routing;
            node.routes = coreIndex[node.index()] < 0 ? null : firstHops(node, core, coreIndex);
        }
    }

    /**
     * Dijkstra from {@code source} over the nodes with a choice: for each of them, the interface
     * of {@code source} that starts a shortest path to it (null if unreachable or itself). Paths
     * leave the source and cross routers and NATs, never another host.
     */
    private static Interface[] firstHops(Node source, List<Node> core, int[] coreIndex) {
        int m = core.size();
        long[] dist = new long[m];
        Arrays.fill(dist, Long.MAX_VALUE);
        Interface[] first = new Interface[m];
        boolean[] settled = new boolean[m];
        int s = coreIndex[source.index()];
        dist[s] = 0;
        PriorityQueue<long[]> queue = new PriorityQueue<>((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0])
                : Long.compare(core.get((int) a[1]).index(), core.get((int) b[1]).index()));
        queue.add(new long[] {0, s});
        while (!queue.isEmpty()) {
            long[] top = queue.poll();
            int u = (int) top[1];
            if (settled[u] || top[0] != dist[u]) {
                continue;
            }
            settled[u] = true;
            Node node = core.get(u);
            if (node != source && !Reachability.forwards(node.kind())) {
                continue; // a host is a destination, never a hop
            }
            for (Interface i : node.interfaces) {
                int v = coreIndex[i.peer().index()];
                if (v < 0 || settled[v]) {
                    continue;
                }
                long d = dist[u] + i.config().delayNs() + 1;
                if (d < dist[v]) {
                    dist[v] = d;
                    first[v] = node == source ? i : first[u];
                    queue.add(new long[] {d, v});
                }
            }
        }
        first[s] = null;
        return first;
    }

    /** Who can reach whom, forwarding only through routers and NATs. */
    static Reachability reachability(Network net) {
        List<Node> nodes = net.nodes();
        boolean[] forwards = new boolean[nodes.size()];
        for (Node n : nodes) {
            forwards[n.index()] = Reachability.forwards(n.kind());
        }
        List<int[]> links = new ArrayList<>();
        for (Link l : net.links()) {
            links.add(new int[] {l.aToB().owner().index(), l.aToB().peer().index()});
        }
        return new Reachability(forwards, links);
    }
}
