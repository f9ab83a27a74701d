package org.tcpsim.experiment;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.tcpsim.config.ConfigNode;
import org.tcpsim.net.FilterRule;
import org.tcpsim.net.Packet;
import org.tcpsim.tcp.TcpSegment;

/**
 * Reads a host's "filters": a list of rules like one nftables drop rule each:
 * {"direction": "in", "protocol": "tcp", "dst_port": 80, "flags": "ACK", "flags_exact": true,
 * "payload": "empty", "p": 0.5, "start": "10s", "stop": "20s", "name": "final-acks"}.
 * Every bad value is reported at its own pointer; rules with problems are left out.
 */
final class FilterReader {
    /** TCP flag names as tcpdump and nft print them, with their bits. */
    private static final String[] FLAG_NAMES = {"FIN", "SYN", "RST", "PSH", "ACK"};
    private static final int[] FLAG_BITS = {TcpSegment.FIN, TcpSegment.SYN, TcpSegment.RST, TcpSegment.PSH,
            TcpSegment.ACK};
    /** flags_exact compares the whole flags byte: no flag outside the list may be set. */
    private static final int ALL_FLAGS = 0xff;

    private FilterReader() {
    }

    static List<FilterRule> read(List<ConfigNode> entries) {
        List<FilterRule> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            ConfigNode f = entries.get(i);
            if (!f.isObject()) {
                f.problem("expected a filter object such as {\"direction\": \"in\", \"protocol\": \"tcp\", "
                        + "\"dst_port\": 80}");
                continue;
            }
            FilterRule rule = readOne(f, "filter" + i, names);
            f.finish();
            if (rule != null) {
                out.add(rule);
            }
        }
        return out;
    }

    private static FilterRule readOne(ConfigNode f, String defaultName, Set<String> names) {
        int before = f.problems().size();
        String name = f.optString("name", defaultName);
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            f.problemAt("name", "a filter name names its counter: use letters, digits, '.', '_' and '-' only");
        } else if (!names.add(name)) {
            f.problemAt("name", "filter name '" + name + "' is used twice on this host");
        }
        String direction = f.requireEnum("direction", "in", "out");
        String protocol = f.optEnum("protocol", "any", "tcp", "udp", "any");
        int srcPort = f.optInt("src_port", -1, 0, 65535);
        int dstPort = f.optInt("dst_port", -1, 0, 65535);
        int flagsMask = 0;
        int flagsValue = 0;
        String flags = f.optString("flags", null);
        boolean exact = f.optBool("flags_exact", false);
        if (flags != null) {
            if (!"tcp".equals(protocol)) {
                f.problemAt("flags", "flags match TCP segments only: add \"protocol\": \"tcp\"");
            }
            flagsValue = parseFlags(f, flags);
            flagsMask = exact ? ALL_FLAGS : flagsValue;
        } else if (exact) {
            f.problemAt("flags_exact", "flags_exact needs \"flags\" (e.g. \"flags\": \"ACK\" for a bare ACK)");
        }
        String payload = f.optEnum("payload", "any", "any", "empty", "nonempty");
        double p = f.optProbability("p", 1.0);
        long start = f.optDurationNs("start", 0);
        long stop = f.optDurationNs("stop", Long.MAX_VALUE);
        if (stop < start) {
            f.problemAt("stop", "the filter stops before it starts");
        }
        if (f.problems().size() != before || direction == null) {
            return null;
        }
        return new FilterRule(name, "in".equals(direction) ? FilterRule.Direction.IN : FilterRule.Direction.OUT,
                switch (protocol) {
                    case "tcp" -> Packet.PROTO_TCP;
                    case "udp" -> Packet.PROTO_UDP;
                    default -> -1;
                }, srcPort, dstPort, flagsMask, flagsValue, payloadOf(payload), p, start, stop);
    }

    /** "SYN,ACK" -> the bits; reports an empty list or an unknown name. */
    private static int parseFlags(ConfigNode f, String text) {
        int bits = 0;
        for (String part : text.split(",", -1)) {
            String flag = part.trim().toUpperCase(Locale.ROOT);
            int bit = 0;
            for (int j = 0; j < FLAG_NAMES.length; j++) {
                if (FLAG_NAMES[j].equals(flag)) {
                    bit = FLAG_BITS[j];
                }
            }
            if (bit == 0) {
                f.problemAt("flags", (flag.isEmpty() ? "empty flag name" : "unknown TCP flag '" + part.trim() + "'")
                        + " in \"" + text + "\"; expected a comma-separated list of " + String.join(", ", FLAG_NAMES));
                return 0;
            }
            bits |= bit;
        }
        return bits;
    }

    private static FilterRule.Payload payloadOf(String text) {
        return switch (text) {
            case "empty" -> FilterRule.Payload.EMPTY;
            case "nonempty" -> FilterRule.Payload.NONEMPTY;
            default -> FilterRule.Payload.ANY;
        };
    }
}
