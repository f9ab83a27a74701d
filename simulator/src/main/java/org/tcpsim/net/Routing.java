package org.tcpsim.net;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jgrapht.Graph;
import org.jgrapht.GraphPath;
import org.jgrapht.alg.interfaces.ShortestPathAlgorithm.SingleSourcePaths;
import org.jgrapht.alg.shortestpath.DijkstraShortestPath;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.DirectedWeightedMultigraph;
import org.jgrapht.graph.MaskSubgraph;

/**
 * Static shortest-path routing, computed once per run with jgrapht. An edge per link direction,
 * weighted by its propagation delay plus one nanosecond (so equal delays prefer fewer hops);
 * only routers and NATs carry transit traffic. Nodes with a single interface need no table:
 * everything reachable leaves through it.
 */
final class Routing {
    private Routing() {
    }

    static void install(Network net) {
        Graph<Integer, DefaultWeightedEdge> g = new DirectedWeightedMultigraph<>(DefaultWeightedEdge.class);
        List<Node> nodes = net.nodes();
        for (Node n : nodes) {
            g.addVertex(n.index());
        }
        Map<DefaultWeightedEdge, Interface> byEdge = new IdentityHashMap<>();
        for (Link l : net.links()) {
            for (Interface i : List.of(l.aToB(), l.bToA())) {
                DefaultWeightedEdge e = g.addEdge(i.owner().index(), i.peer().index());
                g.setEdgeWeight(e, i.config().delayNs() + 1.0);
                byEdge.put(e, i);
            }
        }
        for (Node n : nodes) {
            if (n.interfaces.size() <= 1) {
                n.routes = null;
                continue;
            }
            // Paths may leave the source and cross routers and NATs, never another host (hosts do not forward).
            Graph<Integer, DefaultWeightedEdge> view = new MaskSubgraph<>(g, v -> false, e -> {
                Node from = nodes.get(g.getEdgeSource(e));
                return from != n && !Reachability.forwards(from.kind());
            });
            SingleSourcePaths<Integer, DefaultWeightedEdge> paths = new DijkstraShortestPath<>(view).getPaths(n.index());
            Interface[] table = new Interface[nodes.size()];
            for (Node d : nodes) {
                if (d == n) {
                    continue;
                }
                GraphPath<Integer, DefaultWeightedEdge> path = paths.getPath(d.index());
                if (path != null && !path.getEdgeList().isEmpty()) {
                    table[d.index()] = byEdge.get(path.getEdgeList().get(0));
                }
            }
            n.routes = table;
        }
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
