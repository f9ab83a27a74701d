package org.tcpsim.experiment;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tcpsim.config.ConfigNode;
import org.tcpsim.config.Suggestions;
import org.tcpsim.kernel.MibCounter;
import org.tcpsim.net.FilterRule;
import org.tcpsim.net.IpCounter;
import org.tcpsim.net.NodeKind;

/**
 * "summary_counters": kernel counters of counters.csv that summary.csv carries as columns, each
 * "HOST:COUNTER" (a column of that name) or "HOST:*" (every counter of HOST that is non-zero in
 * some run of the summary). Read when the summary is rebuilt, from each run's counters.csv, so
 * adding one needs no re-run. Checked here against the counters each kind of node has.
 */
public final class SummaryCounters {
    /** Counter names of NAT gateways are conntrack statistics, named "conntrack.&lt;stat&gt;". */
    private static final String CONNTRACK = "conntrack.";

    private SummaryCounters() {
    }

    /** The entries as written; problems located at each bad one. */
    static List<String> check(ConfigNode root, TopologySpec topo, Map<String, HostSpec> hosts) {
        List<String> out = new ArrayList<>();
        if (!root.has("summary_counters")) {
            return out;
        }
        for (ConfigNode e : root.optArray("summary_counters")) {
            String text = e.asString();
            if (text == null) {
                continue;
            }
            int colon = text.indexOf(':');
            if (colon <= 0 || colon == text.length() - 1) {
                e.problem("expected \"HOST:COUNTER\" (e.g. \"server:TcpExtListenOverflows\") or \"HOST:*\"; got \""
                        + text + "\"");
                continue;
            }
            String host = text.substring(0, colon);
            String counter = text.substring(colon + 1);
            if (topo == null) {
                continue;
            }
            NodeSpec node = topo.byName().get(host);
            if (node == null) {
                e.problem("'" + host + "' is not a node of the topology" + hint(host, topo.byName().keySet())
                        + " (nodes: " + String.join(", ", topo.byName().keySet()) + ")");
                continue;
            }
            if (!counter.equals("*") && !known(node, hosts.get(host), counter)) {
                Set<String> names = names(node, hosts.get(host));
                e.problem("'" + counter + "' is not a counter of " + node.kind().jsonName() + " '" + host + "'"
                        + hint(counter, names) + " (see counters.csv; \"" + host + ":*\" takes every non-zero one)");
                continue;
            }
            if (out.contains(text)) {
                e.problem("\"" + text + "\" is listed twice");
                continue;
            }
            out.add(text);
        }
        return out;
    }

    private static String hint(String typed, Set<String> known) {
        return Suggestions.closest(typed, known).map(s -> "; did you mean '" + s + "'?").orElse("");
    }

    private static boolean known(NodeSpec node, HostSpec host, String counter) {
        return names(node, host).contains(counter) || node.kind() == NodeKind.NAT && counter.startsWith(CONNTRACK);
    }

    /** The counters counters.csv has for this node (NAT statistics aside: their names follow conntrack -S). */
    static Set<String> names(NodeSpec node, HostSpec host) {
        Set<String> names = new LinkedHashSet<>();
        for (IpCounter c : IpCounter.values()) {
            names.add(c.mibName());
        }
        if (node.kind() == NodeKind.HOST) {
            names.add("SoftnetDropped");
            for (MibCounter c : MibCounter.values()) {
                names.add(c.nstatName());
            }
            if (host != null) {
                for (FilterRule f : host.filters()) {
                    names.add("FilterDrops:" + f.name());
                }
            }
        }
        return names;
    }
}
