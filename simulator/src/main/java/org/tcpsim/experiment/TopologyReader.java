package org.tcpsim.experiment;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tcpsim.config.ConfigNode;
import org.tcpsim.config.QueueLimit;
import org.tcpsim.nat.NatPortSelection;
import org.tcpsim.net.Ipv4Address;
import org.tcpsim.net.LinkDirection;
import org.tcpsim.net.NodeKind;
import org.tcpsim.net.loss.BernoulliLossType;
import org.tcpsim.net.loss.LossModelSpec;
import org.tcpsim.net.loss.LossModelType;
import org.tcpsim.plugin.PluginRegistry;
import org.tcpsim.plugin.PluginSources;

/** Reads a topology object ({"nodes": [...], "links": [...]}), reporting every problem with its location. */
final class TopologyReader {
    /** A NAT's private network when "inside" names no prefix length: the address's /24. */
    static final int DEFAULT_INSIDE_PREFIX = 24;
    /** Upper bound on a NAT's public address range (a /24 worth). */
    static final int MAX_NAT_ADDRESSES = 256;
    /** Longest node name in UTF-8 bytes: a file pcap/NAME.pcap must fit Linux's 255. */
    static final int MAX_NODE_NAME = 200;
    /** Linux's minimum IPv4 MTU (IPV4_MIN_MTU). */
    static final int MIN_MTU = 68;

    private TopologyReader() {
    }

    static TopologySpec read(ConfigNode topo, PluginRegistry plugins) {
        topo.markKnown("description");
        List<NodeSpec> nodes = new ArrayList<>();
        Map<String, NodeSpec> byName = new LinkedHashMap<>();
        Map<Integer, String> byAddress = new LinkedHashMap<>();
        for (ConfigNode n : topo.requireArray("nodes")) {
            NodeSpec spec = readNode(n, byName, byAddress);
            if (spec != null) {
                nodes.add(spec);
                byName.put(spec.name(), spec);
            }
        }
        List<LinkSpec> links = new ArrayList<>();
        List<String[]> edges = new ArrayList<>();
        for (ConfigNode l : topo.requireArray("links")) {
            LinkSpec spec = readLink(l, byName, edges, plugins);
            if (spec != null) {
                links.add(spec);
            }
        }
        topo.finish();
        return TopologySpec.of(List.copyOf(nodes), List.copyOf(links), Collections.unmodifiableMap(byName),
                Collections.unmodifiableMap(byAddress), edges);
    }

    private static NodeSpec readNode(ConfigNode n, Map<String, NodeSpec> byName, Map<Integer, String> byAddress) {
        String name = n.requireString("name");
        String kindText = n.optEnum("kind", "host", "host", "router", "nat");
        NodeKind kind = NodeKind.valueOf(kindText.toUpperCase(Locale.ROOT));
        if (name != null && (name.isEmpty() || name.contains("->") || name.contains(","))) {
            n.problemAt("name", "a node name must be non-empty and must not contain '->' or ','");
            name = null;
        } else if (name != null && !fileNameSafe(name)) {
            n.problemAt("name", "a node name names its files (pcap/NAME.pcap): at most " + MAX_NODE_NAME
                    + " bytes of UTF-8, no '/', no control characters, not '.' or '..'");
            name = null;
        } else if (name != null && byName.containsKey(name)) {
            n.problemAt("name", "node name '" + name + "' is used twice");
            name = null;
        }
        int address;
        int publicCount = 1;
        String addressText = kind == NodeKind.NAT ? n.requireString("address") : null;
        if (addressText != null && addressText.contains("-")) {
            // SNAT --to-source a.b.c.d-a.b.c.e: a range of public addresses
            String first = addressText.substring(0, addressText.indexOf('-'));
            String last = addressText.substring(addressText.indexOf('-') + 1);
            address = readAddress(n, "address", name, byAddress, first);
            int end;
            try {
                end = Ipv4Address.parse(last);
            } catch (IllegalArgumentException e) {
                n.problemAt("address", e.getMessage());
                end = address;
                address = -1;
            }
            long count = Integer.toUnsignedLong(end) - Integer.toUnsignedLong(address) + 1;
            if (address != -1 && (count < 1 || count > MAX_NAT_ADDRESSES)) {
                n.problemAt("address", "expected a public address or a range first-last of 1 to " + MAX_NAT_ADDRESSES
                        + " addresses, got \"" + addressText + "\"");
                address = -1;
            } else if (address != -1) {
                publicCount = (int) count;
                for (int i = 1; i < publicCount && address != -1; i++) {
                    String previous = byAddress.putIfAbsent(address + i, name == null ? "?" : name);
                    if (previous != null) {
                        n.problemAt("address", "address " + Ipv4Address.format(address + i) + " is already used by node '"
                                + previous + "'");
                        address = -1;
                    }
                }
            }
        } else if (kind == NodeKind.NAT) {
            address = readAddress(n, "address", name, byAddress, addressText);
        } else {
            address = kind == NodeKind.ROUTER && !n.has("address") ? 0 : readAddress(n, "address", name, byAddress);
        }
        int inside = 0;
        int prefix = 0;
        NatPortSelection selection = null;
        if (kind == NodeKind.NAT) {
            String insideText = n.requireString("inside");
            prefix = DEFAULT_INSIDE_PREFIX;
            if (insideText != null && insideText.contains("/")) {
                String len = insideText.substring(insideText.indexOf('/') + 1);
                prefix = len.matches("[0-9]{1,2}") ? Integer.parseInt(len) : -1;
                if (prefix < 1 || prefix > 30) {
                    n.problemAt("inside", "expected the private side as an address with an optional prefix length 1..30, "
                            + "like \"192.168.1.1/24\"; got \"" + insideText + "\"");
                    inside = -1;
                }
            }
            if (inside == 0) {
                inside = readAddress(n, "inside", name, byAddress, insideText == null ? null
                        : insideText.contains("/") ? insideText.substring(0, insideText.indexOf('/')) : insideText);
            }
            if (inside != -1 && address != -1 && (sameNetwork(address, inside, prefix)
                    || sameNetwork(address + publicCount - 1, inside, prefix))) {
                n.problemAt("address", "the public address lies inside the private network "
                        + n.optString("inside", "") + " (/" + prefix + " by default)");
                inside = -1;
            }
            String sel = n.optEnum("port_selection", "preserve", "preserve", "random", "fully-random");
            selection = NatPortSelection.parse(sel);
        }
        n.finish();
        return name == null || (address == -1) || inside == -1 ? null
                : new NodeSpec(name, kind, address, publicCount, inside, prefix, selection);
    }

    /** Usable as a file name on Linux with a suffix added (NAME_MAX is 255 bytes of UTF-8). */
    static boolean fileNameSafe(String name) {
        if (name.equals(".") || name.equals("..") || name.indexOf('/') >= 0
                || name.getBytes(StandardCharsets.UTF_8).length > MAX_NODE_NAME) {
            return false;
        }
        return name.chars().noneMatch(Character::isISOControl);
    }

    private static boolean sameNetwork(int a, int b, int prefix) {
        int mask = (int) (0xffffffffL << (32 - prefix));
        return (a & mask) == (b & mask);
    }

    /** An address field; -1 after reporting a problem. */
    private static int readAddress(ConfigNode n, String key, String owner, Map<Integer, String> byAddress) {
        return readAddress(n, key, owner, byAddress, n.requireString(key));
    }

    private static int readAddress(ConfigNode n, String key, String owner, Map<Integer, String> byAddress, String text) {
        if (text == null) {
            return -1;
        }
        try {
            int a = Ipv4Address.parse(text);
            if (a == 0) {
                n.problemAt(key, "0.0.0.0 is the unspecified address (INADDR_ANY), not a node's; a router may"
                        + " leave \"address\" out");
                return -1;
            }
            String previous = byAddress.putIfAbsent(a, owner == null ? "?" : owner);
            if (previous != null) {
                n.problemAt(key, "address " + text + " is already used by node '" + previous + "'");
                return -1;
            }
            return a;
        } catch (IllegalArgumentException e) {
            n.problemAt(key, e.getMessage());
            return -1;
        }
    }

    private static LinkSpec readLink(ConfigNode l, Map<String, NodeSpec> byName, List<String[]> edges,
                                     PluginRegistry plugins) {
        String a = readEnd(l, "a", byName);
        String b = readEnd(l, "b", byName);
        if (a != null && b != null && !a.equals(b)) {
            edges.add(new String[] {a, b});
        }
        if (a != null && a.equals(b)) {
            l.problemAt("b", "a link must join two different nodes; both ends are '" + a + "'");
        }
        LinkDirection base = readDirection(l, null, plugins);
        LinkDirection aToB = l.has("a_to_b") ? readDirection(l.optObject("a_to_b"), base, plugins) : base;
        LinkDirection bToA = l.has("b_to_a") ? readDirection(l.optObject("b_to_a"), base, plugins) : base;
        l.finish();
        if (a == null || b == null || a.equals(b) || aToB == null || bToA == null) {
            return null;
        }
        return new LinkSpec(a, b, aToB, bToA);
    }

    private static String readEnd(ConfigNode l, String key, Map<String, NodeSpec> byName) {
        String name = l.requireString(key);
        if (name != null && !byName.containsKey(name)) {
            l.problemAt(key, "no node named '" + name + "' in the topology (nodes: "
                    + String.join(", ", byName.keySet()) + ")");
            return null;
        }
        return name;
    }

    /** One direction's settings; absent fields come from {@code base} (the link's own), which is null for the link itself. */
    private static LinkDirection readDirection(ConfigNode d, LinkDirection base, PluginRegistry plugins) {
        if (d.isMissing()) {
            return base;
        }
        long rate = base == null ? d.requireRateBps("rate") : d.optRateBps("rate", base.rateBps());
        long delay = base == null ? d.requireDurationNs("delay") : d.optDurationNs("delay", base.delayNs());
        QueueLimit defQueue = base == null ? QueueLimit.ofPackets(LinkDirection.DEFAULT_QUEUE_PACKETS)
                : new QueueLimit(base.queueLimit(), base.queueInPackets());
        QueueLimit queue = d.optQueueLimit("queue", defQueue);
        int mtu = d.optInt("mtu", base == null ? LinkDirection.DEFAULT_MTU : base.mtu(), MIN_MTU, 65535);
        int framing = d.optInt("framing", base == null ? 0 : base.framingBytes(), 0, LinkDirection.MAX_FRAMING_BYTES);
        LossModelSpec loss = d.has("loss") ? readLoss(d.get("loss"), plugins) : base == null ? LossModelSpec.NONE : base.loss();
        boolean lossAtEnqueue = "enqueue".equals(d.optEnum("loss_at",
                base == null || !base.lossAtEnqueue() ? "wire" : "enqueue", "wire", "enqueue"));
        double reorderP = base == null ? 0 : base.reorderProbability();
        long reorderDelay = base == null ? 0 : base.reorderDelayNs();
        if (d.has("reorder")) {
            ConfigNode r = d.optObject("reorder");
            reorderP = r.optProbability("p", reorderP);
            reorderDelay = r.optDurationNs("delay", reorderDelay == 0 ? 1_000_000 : reorderDelay);
            r.finish();
        }
        double dupP = base == null ? 0 : base.duplicateProbability();
        if (d.has("duplicate")) {
            ConfigNode dup = d.get("duplicate");
            if (dup.isNumber()) {
                dupP = dup.asProbability();
            } else {
                dupP = dup.optProbability("p", dupP);
                dup.finish();
            }
        }
        if (base != null) {
            d.finish();
        }
        if (rate <= 0 || loss == null) {
            return null;
        }
        return new LinkDirection(rate, delay, queue.limit(), queue.packets(), mtu, loss, reorderP, reorderDelay, dupP,
                lossAtEnqueue, framing);
    }

    /** {"model": NAME, ...params} or a bare number as shorthand for Bernoulli loss. */
    private static LossModelSpec readLoss(ConfigNode loss, PluginRegistry plugins) {
        if (loss.isNumber()) {
            return BernoulliLossType.of(loss.asProbability());
        }
        Map<String, LossModelType> models = plugins.lossModels();
        if (loss.json().path("model").isTextual() && !models.containsKey(loss.json().path("model").asText())) {
            loss.problemAt("model", PluginSources.notLoaded("loss model", loss.json().path("model").asText(),
                    models.keySet()));
            return null;
        }
        String model = loss.requireEnum("model", models.keySet().toArray(String[]::new));
        if (model == null) {
            return null;
        }
        LossModelSpec spec = models.get(model).parse(loss);
        loss.finish();
        return spec;
    }
}
