package org.tcpsim.experiment;

import java.util.List;
import java.util.Map;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.ConnectivityInspector;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.Pseudograph;

/** Nodes and links as declared, with the lookups validation needs. */
public record TopologySpec(List<NodeSpec> nodes, List<LinkSpec> links, Map<String, NodeSpec> byName,
                           Map<Integer, String> byAddress) {

    /** Whether the links join the two nodes (routes are computed per run from the same links). */
    public boolean connected(String a, String b) {
        Graph<String, DefaultEdge> g = new Pseudograph<>(DefaultEdge.class);
        nodes.forEach(n -> g.addVertex(n.name()));
        links.forEach(l -> g.addEdge(l.a(), l.b()));
        return new ConnectivityInspector<>(g).pathExists(a, b);
    }
}
