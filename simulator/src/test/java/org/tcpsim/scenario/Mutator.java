package org.tcpsim.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Structured mutations of an experiment's JSON: the edits a user (or a script) might make by mistake,
 * and the values at the edges of what each field takes. Each mutant is a pure function of its seed.
 */
final class Mutator {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Values that sit at the edges: empty, zero, negative, huge, wrong type, odd text. */
    private static final JsonNode[] EDGES = {
        NODES.numberNode(0), NODES.numberNode(-1), NODES.numberNode(1), NODES.numberNode(2),
        NODES.numberNode(Integer.MAX_VALUE), NODES.numberNode(Long.MAX_VALUE), NODES.numberNode(Long.MIN_VALUE),
        NODES.numberNode(65536), NODES.numberNode(1e308), NODES.numberNode(-0.0), NODES.numberNode(0.5),
        NODES.numberNode(new java.math.BigInteger("123456789012345678901234567890")),
        NODES.textNode(""), NODES.textNode(" "), NODES.textNode("0s"), NODES.textNode("1ns"), NODES.textNode("-1s"),
        NODES.textNode("1e9/s"), NODES.textNode("0/s"), NODES.textNode("1/s"), NODES.textNode("NaN"),
        NODES.textNode("Infinity"), NODES.textNode("10.0.0.999"), NODES.textNode("0.0.0.0"),
        NODES.textNode("255.255.255.255"), NODES.textNode("a\u0000b"), NODES.textNode("a/b"), NODES.textNode(".."),
        NODES.textNode("x".repeat(300)), NODES.textNode("\u00e9\u4e2d\ud83d\ude00"), NODES.textNode("9999999h"),
        NODES.textNode("1Tbps"), NODES.textNode("0bps"), NODES.textNode("1B"), NODES.textNode("1EiB"),
        NODES.textNode("0p"), NODES.textNode("1p"), NODES.textNode("4.9"), NODES.textNode("6.18"),
        NODES.textNode("server:0"), NODES.textNode("server:65536"), NODES.textNode("10.0.0.2:5001"),
        NODES.booleanNode(true), NODES.booleanNode(false), NODES.nullNode(), NODES.arrayNode(), NODES.objectNode(),
    };
    private static final String[] UNITS = {"ns", "us", "ms", "s", "min", "h", "bps", "Kbps", "Mbps", "Gbps", "B",
        "KB", "KiB", "MB", "MiB", "GiB", "p", "/s", "/min", "%", ""};

    private final long seed;
    private final SplittableRandom random;
    private final List<JsonNode> donors;
    final List<String> log = new ArrayList<>();

    /** @param donors other experiments, whose subtrees a mutation may transplant */
    Mutator(long seed, List<JsonNode> donors) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
        this.donors = donors;
    }

    long seed() {
        return seed;
    }

    /** 1 to 4 structured mutations of a copy of {@code root}. */
    JsonNode mutate(JsonNode root) {
        JsonNode copy = root.deepCopy();
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            copy = mutateOnce(copy);
        }
        return copy;
    }

    /** A few byte-level edits of serialized text (truncation, a stray byte, a lost quote or brace). */
    byte[] mangle(byte[] text) {
        byte[] b = text.clone();
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n && b.length > 0; i++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(5)) {
                case 0 -> {
                    b = java.util.Arrays.copyOf(b, at);
                    log.add("truncate at " + at);
                }
                case 1 -> {
                    b[at] = (byte) random.nextInt(256);
                    log.add("byte " + at + " = " + (b[at] & 0xff));
                }
                case 2 -> {
                    byte[] c = new byte[b.length - 1];
                    System.arraycopy(b, 0, c, 0, at);
                    System.arraycopy(b, at + 1, c, at, b.length - at - 1);
                    log.add("delete byte " + at + " ('" + (char) b[at] + "')");
                    b = c;
                }
                case 3 -> {
                    String ins = new String[] {"{", "}", "[", "]", "\"", ",", ":", "\\", "\\u", "\ud800", "\u0000"}
                            [random.nextInt(11)];
                    byte[] add = ins.getBytes(StandardCharsets.UTF_8);
                    byte[] c = new byte[b.length + add.length];
                    System.arraycopy(b, 0, c, 0, at);
                    System.arraycopy(add, 0, c, at, add.length);
                    System.arraycopy(b, at, c, at + add.length, b.length - at);
                    log.add("insert " + JsonNodeFactory.instance.textNode(ins) + " at " + at);
                    b = c;
                }
                default -> {
                    int from = random.nextInt(b.length);
                    int len = Math.min(b.length - from, 1 + random.nextInt(40));
                    byte[] c = new byte[b.length + len];
                    System.arraycopy(b, 0, c, 0, at);
                    System.arraycopy(b, from, c, at, len);
                    System.arraycopy(b, at, c, at + len, b.length - at);
                    log.add("copy " + len + " bytes from " + from + " to " + at);
                    b = c;
                }
            }
        }
        return b;
    }

    private JsonNode mutateOnce(JsonNode root) {
        List<Slot> slots = new ArrayList<>();
        collect(root, "", null, null, -1, slots);
        if (slots.isEmpty()) {
            return root;
        }
        Slot s = slots.get(random.nextInt(slots.size()));
        int op = random.nextInt(100);
        if (op < 30) {
            return replace(root, s, tweak(s.value), "tweak");
        } else if (op < 45) {
            return replace(root, s, EDGES[random.nextInt(EDGES.length)].deepCopy(), "edge value");
        } else if (op < 55 && s.parent != null) {
            remove(s);
            log.add("remove " + s.pointer);
            return root;
        } else if (op < 62 && s.parent instanceof ArrayNode a) {
            a.insert(s.index, s.value.deepCopy());
            log.add("duplicate " + s.pointer);
            return root;
        } else if (op < 68 && s.parent instanceof ObjectNode o) {
            String key = typo(s.key);
            JsonNode v = o.remove(s.key);
            o.set(key, v);
            log.add("rename " + s.pointer + " to " + key);
            return root;
        } else if (op < 74) {
            Slot other = slots.get(random.nextInt(slots.size()));
            return replace(root, s, other.value.deepCopy(), "copy of " + other.pointer);
        } else if (op < 82 && !donors.isEmpty()) {
            List<Slot> theirs = new ArrayList<>();
            collect(donors.get(random.nextInt(donors.size())), "", null, null, -1, theirs);
            Slot d = theirs.get(random.nextInt(theirs.size()));
            return replace(root, s, d.value.deepCopy(), "transplant of a donor's " + d.pointer);
        } else if (op < 90 && root instanceof ObjectNode o) {
            return sweepSomething(o, slots);
        } else if (s.value instanceof ObjectNode o) {
            String key = new String[] {"extra", "rate", "delay", "duration", "count", "start", "stop", "port", "name",
                "sysctl", "memory", "kernel", "flows", "bytes", "loss", "mtu", "queue", "p"}[random.nextInt(18)];
            JsonNode v = EDGES[random.nextInt(EDGES.length)].deepCopy();
            o.set(key, v);
            log.add("add " + s.pointer + "/" + key + " = " + v);
            return root;
        }
        return replace(root, s, tweak(s.value), "tweak");
    }

    /** A sweep over an existing value: a few tweaked copies of it (or a huge list of them). */
    private JsonNode sweepSomething(ObjectNode root, List<Slot> slots) {
        Slot s = slots.get(random.nextInt(slots.size()));
        if (s.pointer.isEmpty() || s.pointer.startsWith("/sweep") || s.pointer.startsWith("/name")
                || s.pointer.startsWith("/seeds")) {
            return root;
        }
        ArrayNode values = NODES.arrayNode();
        int n = random.nextInt(10) == 0 ? 1 + random.nextInt(200) : 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            values.add(random.nextBoolean() ? s.value.deepCopy() : tweak(s.value));
        }
        JsonNode sweep = root.get("sweep");
        ObjectNode target = sweep instanceof ObjectNode o ? o : root.putObject("sweep");
        target.set(s.pointer, values);
        log.add("sweep " + s.pointer + " over " + n + " values");
        return root;
    }

    /** A value of the same kind, changed: numbers scaled or negated, unit strings re-unit'd, text edited. */
    private JsonNode tweak(JsonNode v) {
        if (v.isIntegralNumber()) {
            long x = v.asLong();
            long[] choices = {0, -x, x + 1, x - 1, x * 1000, x / 1000, Integer.MAX_VALUE, -1};
            return NODES.numberNode(choices[random.nextInt(choices.length)]);
        }
        if (v.isNumber()) {
            double[] choices = {0, -v.asDouble(), v.asDouble() * 10, 1, 1.0000001, 1e-12, 2};
            return NODES.numberNode(choices[random.nextInt(choices.length)]);
        }
        if (v.isTextual()) {
            String t = v.asText();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(-?[0-9.]+)\\s*([A-Za-z/%]*)$").matcher(t);
            if (m.matches() && random.nextInt(3) > 0) {
                String num = new String[] {"0", "-1", "1", "0.001", "1e3", "9999999999", "1.5", m.group(1) + "0", ".5"}
                        [random.nextInt(9)];
                String unit = random.nextBoolean() ? m.group(2) : UNITS[random.nextInt(UNITS.length)];
                return NODES.textNode(num + unit);
            }
            switch (random.nextInt(6)) {
                case 0:
                    return NODES.textNode(t.isEmpty() ? "x" : t.substring(0, random.nextInt(t.length())));
                case 1:
                    return NODES.textNode(t + t);
                case 2:
                    return NODES.textNode(t.toUpperCase(java.util.Locale.ROOT));
                case 3:
                    return NODES.textNode(" " + t);
                case 4:
                    return NODES.textNode(t.replace('.', ':').replace(':', '.'));
                default:
                    return NODES.textNode(t + "x");
            }
        }
        if (v.isBoolean()) {
            return NODES.booleanNode(!v.asBoolean());
        }
        if (v.isArray() && v.size() > 0) {
            ArrayNode a = NODES.arrayNode();
            for (JsonNode e : v) {
                if (random.nextInt(4) > 0) {
                    a.add(e.deepCopy());
                }
            }
            return a;
        }
        return EDGES[random.nextInt(EDGES.length)].deepCopy();
    }

    private String typo(String key) {
        if (key.isEmpty()) {
            return "x";
        }
        int at = random.nextInt(key.length());
        return switch (random.nextInt(3)) {
            case 0 -> key.substring(0, at) + key.substring(at + 1);
            case 1 -> key.substring(0, at) + (char) ('a' + random.nextInt(26)) + key.substring(at);
            default -> key.toUpperCase(java.util.Locale.ROOT);
        };
    }

    private JsonNode replace(JsonNode root, Slot s, JsonNode value, String what) {
        log.add(what + " at " + (s.pointer.isEmpty() ? "/" : s.pointer) + ": " + abbreviate(value));
        if (s.parent == null) {
            return value;
        }
        if (s.parent instanceof ObjectNode o) {
            o.set(s.key, value);
        } else {
            ((ArrayNode) s.parent).set(s.index, value);
        }
        return root;
    }

    private static void remove(Slot s) {
        if (s.parent instanceof ObjectNode o) {
            o.remove(s.key);
        } else {
            ((ArrayNode) s.parent).remove(s.index);
        }
    }

    private static String abbreviate(JsonNode v) {
        String t = v.toString();
        return t.length() > 80 ? t.substring(0, 80) + "..." : t;
    }

    /** Every value in the tree, with where it hangs. */
    private record Slot(String pointer, JsonNode value, JsonNode parent, String key, int index) {
    }

    private static void collect(JsonNode v, String pointer, JsonNode parent, String key, int index, List<Slot> out) {
        out.add(new Slot(pointer, v, parent, key, index));
        if (v.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                collect(e.getValue(), pointer + "/" + e.getKey().replace("~", "~0").replace("/", "~1"), v, e.getKey(), -1, out);
            }
        } else if (v.isArray()) {
            for (int i = 0; i < v.size(); i++) {
                collect(v.get(i), pointer + "/" + i, v, null, i, out);
            }
        }
    }
}
