package org.tcpsim.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tcpsim.app.Workload;
import org.tcpsim.app.WorkloadSetting;
import org.tcpsim.app.WorkloadType;
import org.tcpsim.app.probe.ProbeWorkload;
import org.tcpsim.app.server.ServerWorkload;
import org.tcpsim.config.ConfigNode;
import org.tcpsim.config.Units;
import org.tcpsim.net.NodeKind;
import org.tcpsim.plugin.CongestionReader;
import org.tcpsim.plugin.PluginRegistry;
import org.tcpsim.plugin.PluginSources;
import org.tcpsim.tcp.CongestionChoice;

/** Reads a resolved experiment tree into an {@link Experiment}, reporting every problem at once. */
final class ExperimentReader {
    /** Longest experiment name: it names OUT/<name>/, and report or chart files may add a suffix within NAME_MAX (255). */
    static final int MAX_NAME = 200;
    /** Most timeseries samples per run (each writes a row per host metric and per flow). */
    static final long MAX_SAMPLES = 100_000;

    /** Top-level keys read elsewhere (sweep by {@link ExperimentFile}). */
    private static final String[] HANDLED_ELSEWHERE = {"sweep", "topology"};

    private ExperimentReader() {
    }

    /**
     * @param root     the experiment object
     * @param topology the topology object (inside root, or the root of a separate topology file)
     * @param plugins  the workload types, loss models and congestion controls the file may name
     */
    static Experiment read(ConfigNode root, ConfigNode topology, PluginRegistry plugins) {
        root.markKnown(HANDLED_ELSEWHERE);
        String name = root.requireString("name");
        if (name != null && !name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            root.problemAt("name", "the name names the output directory: use letters, digits, '.', '_' and '-' only");
        } else if (name != null && name.length() > MAX_NAME) {
            root.problemAt("name", "the name names the output directory: at most " + MAX_NAME + " characters (Linux allows"
                    + " 255 per file name, and files are named after it), got " + name.length());
        }
        String description = root.optString("description", "");
        long duration = root.requireDurationNs("duration");
        if (duration == 0 && isValidDuration(root.json().path("duration"))) {
            root.problemAt("duration", "the duration must be positive");
        }
        List<Long> seeds = root.has("seeds") ? root.optLongList("seeds", 0, Long.MAX_VALUE) : List.of(1L);
        if (seeds.isEmpty() && root.has("seeds")) {
            root.problemAt("seeds", "expected at least one seed");
        } else if (new HashSet<>(seeds).size() != seeds.size()) {
            root.problemAt("seeds", "seeds must be distinct");
        }
        long sampleInterval = root.optDurationNs("sample_interval", 1_000_000_000L);
        if (sampleInterval > 0 && duration > 0 && duration / sampleInterval >= MAX_SAMPLES) {
            root.problemAt("sample_interval", "a sample every " + Units.formatDurationNs(sampleInterval) + " for "
                    + Units.formatDurationNs(duration) + " would write " + (duration / sampleInterval + 1)
                    + " samples per run; at most " + MAX_SAMPLES + " (a sample_interval of at least "
                    + Units.formatDurationNs(roundUp(duration / (MAX_SAMPLES - 1) + 1)) + ", or \"0s\" for none)");
        }
        TopologySpec topo = topology.isMissing() ? null : TopologyReader.read(topology, plugins);
        if (topology.isMissing()) {
            root.problem("missing required field 'topology' (an object with nodes and links, or a path to one)");
        }
        Map<String, HostSpec> hosts = readHosts(root.optObject("hosts"), topo, plugins);
        SummaryCounters.check(root, topo, hosts); // read again when the summary is rebuilt
        List<Workload> workloads = topo == null ? List.of() : readWorkloads(root, topo, duration, plugins);
        ChartSpec.check(root.optObject("chart")); // checked here so a bad chart fails before any run
        root.finish();
        return new Experiment(name, description, duration, List.copyOf(seeds), sampleInterval, topo, hosts,
                workloads, root.json(), plugins.fingerprint());
    }

    /** {@code v} rounded up to two significant digits, for a suggestion a user can type. */
    private static long roundUp(long v) {
        long p = 1;
        while (v / p >= 100) {
            p *= 10;
        }
        return (v + p - 1) / p * p;
    }

    /** True for a well-formed duration string (so a zero is worth its own message, a typo is not). */
    private static boolean isValidDuration(JsonNode value) {
        if (!value.isTextual()) {
            return false;
        }
        try {
            Units.parseDurationNs(value.asText());
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Map<String, HostSpec> readHosts(ConfigNode hostsNode, TopologySpec topo, PluginRegistry plugins) {
        Map<String, HostSpec> hosts = new LinkedHashMap<>();
        if (hostsNode.isMissing()) {
            return hosts;
        }
        for (Map.Entry<String, ConfigNode> e : hostsNode.entries().entrySet()) {
            if (topo != null && !topo.byName().containsKey(e.getKey())) {
                e.getValue().problem("'" + e.getKey() + "' is not a node of the topology (nodes: "
                        + String.join(", ", topo.byName().keySet()) + ")");
                continue;
            }
            HostSpec spec = HostReader.read(e.getValue(), plugins);
            NodeKind kind = topo == null ? NodeKind.HOST : topo.byName().get(e.getKey()).kind();
            if (kind != NodeKind.HOST && !spec.filters().isEmpty()) {
                e.getValue().problemAt("filters", "packet filters run on hosts only; '" + e.getKey() + "' is a "
                        + kind.jsonName());
            }
            hosts.put(e.getKey(), spec);
        }
        return hosts;
    }

    private static List<Workload> readWorkloads(ConfigNode root, TopologySpec topo, long duration,
                                                PluginRegistry plugins) {
        List<ConfigNode> entries = root.optArray("workloads");
        Map<String, WorkloadType> types = plugins.workloadTypes();
        Map<String, Integer> perType = new HashMap<>();
        for (ConfigNode w : entries) {
            if (w.json().path("type").isTextual()) {
                perType.merge(w.json().path("type").asText(), 1, Integer::sum);
            }
        }
        List<Workload> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        Map<String, String> bound = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            ConfigNode w = entries.get(i);
            if (w.json().path("type").isTextual() && !types.containsKey(w.json().path("type").asText())) {
                w.problemAt("type", PluginSources.notLoaded("workload type", w.json().path("type").asText(),
                        types.keySet()));
                continue;
            }
            String type = w.requireEnum("type", types.keySet().toArray(String[]::new));
            if (type == null) {
                continue;
            }
            int ordinal = seen.merge(type, 1, Integer::sum);
            String defaultName = perType.get(type) == 1 ? type : type + "-" + ordinal;
            String name = w.optString("name", defaultName);
            if (!names.add(name)) {
                w.problemAt("name", "workload name '" + name + "' is used twice; give each a distinct \"name\"");
                continue;
            }
            Workload parsed = types.get(type).parse(w, setting(name, i, topo, duration, plugins));
            if (parsed != null && bindsFreePort(parsed, w, bound)) {
                out.add(parsed);
            }
        }
        return out;
    }

    /**
     * A probe's receiver binds its UDP port and a server listens on its TCP port; a second one on the same
     * host and port would fail bind()/listen() with EADDRINUSE in the middle of the run, so it is refused here.
     */
    private static boolean bindsFreePort(Workload parsed, ConfigNode w, Map<String, String> bound) {
        String key;
        String field;
        if (parsed instanceof ProbeWorkload p) {
            key = "UDP port " + p.port() + " on " + p.toNode();
            field = "to";
        } else if (parsed instanceof ServerWorkload sv) {
            key = "TCP port " + sv.port() + " on " + sv.host();
            field = "port";
        } else {
            return true;
        }
        String first = bound.putIfAbsent(key, parsed.name());
        if (first != null) {
            w.problemAt(w.has(field) ? field : "type", key + " is already bound by workload '" + first
                    + "' (EADDRINUSE): give this one another port");
            return false;
        }
        return true;
    }

    private static WorkloadSetting setting(String name, int index, TopologySpec topo, long duration,
                                           PluginRegistry plugins) {
        return new WorkloadSetting() {
            @Override
            public String workloadName() {
                return name;
            }

            @Override
            public int workloadIndex() {
                return index;
            }

            @Override
            public long durationNs() {
                return duration;
            }

            @Override
            public boolean isHost(String nodeName) {
                NodeSpec n = topo.byName().get(nodeName);
                return n != null && n.kind() == NodeKind.HOST;
            }

            @Override
            public String nodeOfAddress(int address) {
                return topo.byAddress().get(address);
            }

            @Override
            public int addressOf(String nodeName) {
                return topo.byName().get(nodeName).address();
            }

            @Override
            public boolean connected(String fromNode, String toNode) {
                return topo.connected(fromNode, toNode);
            }

            @Override
            public CongestionChoice congestion(ConfigNode node) {
                return CongestionReader.read(node, plugins);
            }

            @Override
            public CongestionChoice congestionByName(ConfigNode node) {
                return CongestionReader.byName(node, plugins);
            }
        };
    }
}
