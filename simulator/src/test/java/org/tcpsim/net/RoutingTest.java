package org.tcpsim.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.jgrapht.Graph;
import org.jgrapht.GraphPath;
import org.jgrapht.alg.interfaces.ShortestPathAlgorithm.SingleSourcePaths;
import org.jgrapht.alg.shortestpath.DijkstraShortestPath;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.DirectedWeightedMultigraph;
import org.jgrapht.graph.MaskSubgraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tcpsim.engine.RandomStreams;
import org.tcpsim.engine.Simulation;
import org.tcpsim.net.loss.LossModelSpec;

/**
 * Routes computed only from and over nodes with a choice ({@link Routing}) against a shortest-path
 * tree from every node over the whole graph (jgrapht's Dijkstra, as routes were computed before):
 * on random topologies of routers, NATs, hosts with one link, multi-homed hosts and hosts wired to
 * hosts, with random delays (so no two paths cost the same), every node sends every destination
 * out of the same interface, or finds no route in both.
 */
class RoutingTest {
    static LongStream seeds() {
        return LongStream.rangeClosed(1, 200);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void routes_match_a_shortest_path_tree_from_every_node(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Network net = new Network(new Simulation(), new RandomStreams(seed));
        int routers = 1 + r.nextInt(8);
        int hosts = 1 + r.nextInt(30);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < routers; i++) {
            if (r.nextInt(5) == 0) {
                net.addNat("n" + i, 0x0b000000 + i, 0xc0a80001 + (i << 8), 24);
            } else {
                net.addRouter("r" + i, 0x0a000000 + i);
            }
            names.add(net.nodes().get(net.nodes().size() - 1).name());
        }
        for (int i = 0; i < hosts; i++) {
            net.addHost("h" + i, 0x0c000000 + i);
        }
        // routers joined at random (perhaps into several islands, perhaps with parallel links)
        int routerLinks = r.nextInt(routers * 2 + 1);
        for (int i = 0; i < routerLinks && routers > 1; i++) {
            int a = r.nextInt(routers);
            int b = r.nextInt(routers);
            if (a != b) {
                link(net, r, names.get(a), names.get(b));
            }
        }
        for (int i = 0; i < hosts; i++) {
            int links = r.nextInt(10) < 7 ? 1 : r.nextInt(4); // most hosts have one link, some none or several
            for (int k = 0; k < links; k++) {
                String peer = r.nextInt(6) == 0 && hosts > 1 ? "h" + r.nextInt(hosts) : names.get(r.nextInt(routers));
                if (!peer.equals("h" + i)) {
                    link(net, r, "h" + i, peer);
                }
            }
        }
        net.computeRoutes();
        Interface[][] expected = treeFromEveryNode(net);
        int reachable = 0;
        for (Node src : net.nodes()) {
            for (Node dst : net.nodes()) {
                if (src == dst) {
                    continue;
                }
                Interface want = src.interfaces.size() <= 1
                        ? (src.interfaces.size() == 1 && net.connected(src.index(), dst.index()) ? src.interfaces.get(0) : null)
                        : expected[src.index()][dst.index()];
                Interface got = src.routeTo(dst.index());
                assertEquals(want == null ? null : want.name(), got == null ? null : got.name(),
                        "seed " + seed + ": " + src.name() + " -> " + dst.name());
                reachable += got == null ? 0 : 1;
            }
        }
        assertTrue(reachable > 0 || net.links().isEmpty(), "seed " + seed + " routes nothing");
    }

    /**
     * Two paths of equal cost, r0-r1-r3 and r0-r2-r3 (every hop 1 ms), with r0's link to r2 made
     * first: the search settles r1 before r2 (same distance, earlier in the node list), so r3 and
     * the host behind it are reached through r1, whatever the order of r0's interfaces. The tie
     * rule README states; jgrapht's heap order, used before, gave no such promise.
     */
    @Test
    void equal_cost_paths_keep_the_one_through_the_node_earlier_in_the_list() {
        Network net = new Network(new Simulation(), new RandomStreams(1));
        for (int i = 0; i < 4; i++) {
            net.addRouter("r" + i, 0x0a000001 + i);
        }
        net.addHost("h", 0x0b000001);
        LinkDirection ms = new LinkDirection(1_000_000_000L, 1_000_000L, 100, true, 1500, LossModelSpec.NONE, 0, 0, 0);
        net.connect("r0", "r2", ms, ms);
        net.connect("r0", "r1", ms, ms);
        net.connect("r2", "r3", ms, ms);
        net.connect("r1", "r3", ms, ms);
        net.connect("r3", "h", ms, ms);
        net.computeRoutes();
        Node r0 = net.node("r0");
        assertEquals("r1", r0.routeTo(net.node("r3").index()).peer().name());
        assertEquals("r1", r0.routeTo(net.node("h").index()).peer().name());
        assertEquals("r3", net.node("r1").routeTo(net.node("h").index()).peer().name());
        assertEquals("h", net.node("r3").routeTo(net.node("h").index()).peer().name());
        assertEquals("r3", net.node("h").routeTo(r0.index()).peer().name());
    }

    private static void link(Network net, SplittableRandom r, String a, String b) {
        LinkDirection ab = new LinkDirection(1_000_000_000L, 1 + r.nextLong(50_000_000L), 100, true, 1500,
                LossModelSpec.NONE, 0, 0, 0);
        LinkDirection ba = new LinkDirection(1_000_000_000L, 1 + r.nextLong(50_000_000L), 100, true, 1500,
                LossModelSpec.NONE, 0, 0, 0);
        net.connect(a, b, ab, ba);
    }

    /** How routes were computed before: a Dijkstra from every node with two links or more, over the whole graph. */
    private static Interface[][] treeFromEveryNode(Network net) {
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
        Interface[][] tables = new Interface[nodes.size()][];
        for (Node n : nodes) {
            Graph<Integer, DefaultWeightedEdge> view = new MaskSubgraph<>(g, v -> false, e -> {
                Node from = nodes.get(g.getEdgeSource(e));
                return from != n && !Reachability.forwards(from.kind());
            });
            SingleSourcePaths<Integer, DefaultWeightedEdge> paths = new DijkstraShortestPath<>(view).getPaths(n.index());
            Interface[] table = new Interface[nodes.size()];
            for (Node d : nodes) {
                GraphPath<Integer, DefaultWeightedEdge> path = d == n ? null : paths.getPath(d.index());
                if (path != null && !path.getEdgeList().isEmpty()) {
                    table[d.index()] = byEdge.get(path.getEdgeList().get(0));
                }
            }
            tables[n.index()] = table;
        }
        return tables;
    }
}
