package org.tcpsim.net;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.GraphPath;
import org.jgrapht.alg.connectivity.ConnectivityInspector;
import org.jgrapht.alg.interfaces.ShortestPathAlgorithm.SingleSourcePaths;
import org.jgrapht.alg.shortestpath.DijkstraShortestPath;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.DirectedWeightedMultigraph;
import org.jgrapht.graph.SimpleGraph;

/**
 * Static shortest-path routing, computed once per run with jgrapht. An edge per link direction,
 * weighted by its propagation delay plus one nanosecond (so equal delays prefer fewer hops).
 * Nodes with a single interface need no table: everything reachable leaves through it.
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
        DijkstraShortestPath<Integer, DefaultWeightedEdge> dijkstra = new DijkstraShortestPath<>(g);
        for (Node n : nodes) {
            if (n.interfaces.size() <= 1) {
                n.routes = null;
                continue;
            }
            Interface[] table = new Interface[nodes.size()];
            SingleSourcePaths<Integer, DefaultWeightedEdge> paths = dijkstra.getPaths(n.index());
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

    /** Connected-component id per node index. */
    static int[] components(Network net) {
        Graph<Integer, DefaultWeightedEdge> g = new SimpleGraph<>(DefaultWeightedEdge.class);
        for (Node n : net.nodes()) {
            g.addVertex(n.index());
        }
        for (Link l : net.links()) {
            int a = l.aToB().owner().index();
            int b = l.aToB().peer().index();
            if (!g.containsEdge(a, b)) {
                g.addEdge(a, b);
            }
        }
        int[] comp = new int[net.nodes().size()];
        List<Set<Integer>> sets = new ConnectivityInspector<>(g).connectedSets();
        for (int c = 0; c < sets.size(); c++) {
            for (int v : sets.get(c)) {
                comp[v] = c;
            }
        }
        return comp;
    }
}
