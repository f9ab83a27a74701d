package org.tcpsim.experiment;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tcpsim.net.Reachability;

/**
 * Nodes and links as declared, with the lookups validation needs.
 *
 * @param edges every declared link whose two ends exist (also links with bad settings, so one
 *              typo in a rate does not cascade into "no route" errors)
 */
public record TopologySpec(List<NodeSpec> nodes, List<LinkSpec> links, Map<String, NodeSpec> byName,
                           Map<Integer, String> byAddress, List<String[]> edges, Reachability reachability,
                           Map<String, Integer> indexByName) {

    static TopologySpec of(List<NodeSpec> nodes, List<LinkSpec> links, Map<String, NodeSpec> byName,
                           Map<Integer, String> byAddress, List<String[]> edges) {
        boolean[] forwards = new boolean[nodes.size()];
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            forwards[i] = Reachability.forwards(nodes.get(i).kind());
            index.putIfAbsent(nodes.get(i).name(), i);
        }
        List<int[]> pairs = new ArrayList<>();
        for (String[] e : edges) {
            if (index.containsKey(e[0]) && index.containsKey(e[1])) {
                pairs.add(new int[] {index.get(e[0]), index.get(e[1])});
            }
        }
        return new TopologySpec(nodes, links, byName, byAddress, List.copyOf(edges), new Reachability(forwards, pairs),
                Collections.unmodifiableMap(index));
    }

    /** Whether a packet from node a can arrive at node b: routes cross routers and NATs, never hosts. */
    public boolean connected(String a, String b) {
        int ia = indexOf(a);
        int ib = indexOf(b);
        return ia >= 0 && ib >= 0 && reachability.canReach(ia, ib);
    }

    /** By name, not by a walk over the nodes: workloads ask once each, and a topology may hold 20 000 nodes. */
    private int indexOf(String name) {
        Integer i = indexByName.get(name);
        return i == null ? -1 : i;
    }
}
