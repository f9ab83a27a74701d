package org.tcpsim.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The README's fidelity table ("## Fidelity": piece | status), the one place that says what the
 * model does and does not cover; the build copies README.md into the jar so `report` reads the
 * same table the README shows. For one experiment, the rows that apply to what it uses and whose
 * status is more than "implemented" are what the model does not cover there.
 */
public final class Fidelity {
    /** One row: the piece of the model and its status, as written (Markdown). */
    public record Row(String piece, String status) {
        /** True when the status says more than "implemented": something differs or is left out. */
        public boolean hasCaveat() {
            return !status.trim().equals("implemented");
        }
    }

    /** What of the model an experiment uses, to pick the rows that apply. */
    public record Uses(Set<String> workloads, boolean nat, boolean impairedLinks, boolean softnet, boolean filters,
                       boolean kernel49, boolean keepalive) {
        boolean tcp() {
            return workloads.stream().anyMatch(w -> !w.equals("probe"));
        }

        boolean data() {
            return workloads.contains("bulk") || workloads.contains("server") && impairedLinks;
        }
    }

    /**
     * Which rows apply, by the first words of their piece; a row not listed applies to every
     * experiment (a new row is shown rather than silently left out).
     */
    private static final Map<String, Predicate<Uses>> APPLIES = new LinkedHashMap<>();

    static {
        APPLIES.put("NAT node", Uses::nat);
        APPLIES.put("TCP states", Uses::tcp);
        APPLIES.put("ISN", Uses::tcp);
        APPLIES.put("SYN retransmission", Uses::tcp);
        APPLIES.put("Options", Uses::tcp);
        APPLIES.put("RTO", Uses::tcp);
        APPLIES.put("Loss recovery", u -> u.tcp() && (u.impairedLinks() || u.data()));
        APPLIES.put("Congestion control", Uses::data);
        APPLIES.put("Delayed ACK", Uses::tcp);
        APPLIES.put("Receive window", Uses::tcp);
        APPLIES.put("Send buffer", Uses::tcp);
        APPLIES.put("Nagle", Uses::tcp);
        APPLIES.put("Zero-window", Uses::tcp);
        APPLIES.put("Closing", Uses::tcp);
        APPLIES.put("TIME_WAIT", Uses::tcp);
        APPLIES.put("Listen queues", Uses::tcp);
        APPLIES.put("Ephemeral ports", Uses::tcp);
        APPLIES.put("tcp_tw_recycle", Uses::kernel49);
        APPLIES.put("File descriptors", Uses::tcp);
        APPLIES.put("tcp_mem", Uses::tcp);
        APPLIES.put("Softnet backlog", Uses::softnet);
        APPLIES.put("Packet filters", Uses::filters);
        APPLIES.put("Keepalive", Uses::keepalive);
        APPLIES.put("PAWS", Uses::tcp);
        APPLIES.put("pcap", u -> false);
    }

    private Fidelity() {
    }

    /** The rows of the fidelity table in the README packaged with this build. */
    public static List<Row> rows() {
        try (InputStream in = Fidelity.class.getResourceAsStream("README.md")) {
            if (in == null) {
                throw new IllegalStateException("README.md is missing from the jar (simulator/pom.xml copies it)");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The "## Fidelity" section's table of a README's text. */
    public static List<Row> parse(String readme) {
        List<Row> out = new ArrayList<>();
        int start = readme.indexOf("\n## Fidelity");
        if (start < 0) {
            return out;
        }
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        for (String line : section.split("\n")) {
            if (!line.startsWith("|") || line.startsWith("|---") || line.startsWith("| piece |")) {
                continue;
            }
            String body = line.substring(1, line.endsWith("|") ? line.length() - 1 : line.length());
            int bar = body.indexOf(" | ");
            if (bar > 0) {
                out.add(new Row(body.substring(0, bar).trim(), body.substring(bar + 3).trim()));
            }
        }
        return out;
    }

    /** The first words a row is known by in {@link #APPLIES}, or null for a row applying everywhere. */
    static String key(Row row) {
        for (String k : APPLIES.keySet()) {
            if (row.piece().startsWith(k)) {
                return k;
            }
        }
        return null;
    }

    /** Keys of {@link #APPLIES}, so a test can check each still names a row of the README. */
    static Set<String> keys() {
        return new TreeSet<>(APPLIES.keySet());
    }

    /** The rows with a caveat that apply to an experiment using {@code uses}. */
    public static List<Row> caveatsFor(List<Row> rows, Uses uses) {
        List<Row> out = new ArrayList<>();
        for (Row r : rows) {
            String k = key(r);
            if (r.hasCaveat() && (k == null || APPLIES.get(k).test(uses))) {
                out.add(r);
            }
        }
        return out;
    }

    /** What an experiment uses, from its JSON (every swept value counts as used). */
    public static Uses uses(JsonNode experiment) {
        Set<String> workloads = new TreeSet<>();
        experiment.path("workloads").forEach(w -> workloads.add(w.path("type").asText()));
        boolean nat = false;
        for (JsonNode n : experiment.path("topology").path("nodes")) {
            nat |= n.path("kind").asText().equals("nat");
        }
        String all = experiment.toString();
        boolean impaired = contains(experiment.path("topology").path("links"), "loss", "reorder", "duplicate")
                || contains(experiment.path("sweep"), "loss", "reorder", "duplicate");
        return new Uses(workloads, nat, impaired, all.contains("\"packets_per_second\""), all.contains("\"filters\""),
                all.contains("\"4.9\""), all.contains("SO_KEEPALIVE") || all.contains("TCP_USER_TIMEOUT"));
    }

    /** True when some key or swept pointer under {@code n} names one of {@code words} with a non-zero value. */
    private static boolean contains(JsonNode n, String... words) {
        if (n.isObject()) {
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                for (String w : words) {
                    if ((e.getKey().equals(w) || e.getKey().endsWith("/" + w)) && !zero(e.getValue())) {
                        return true;
                    }
                }
                if (contains(e.getValue(), words)) {
                    return true;
                }
            }
        } else if (n.isArray()) {
            for (JsonNode x : n) {
                if (contains(x, words)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean zero(JsonNode v) {
        if (v.isNumber()) {
            return v.asDouble() == 0;
        }
        if (v.isObject()) {
            JsonNode p = v.get("p");
            return v.path("model").asText().equals("none") || p != null && p.isNumber() && p.asDouble() == 0
                    && v.size() <= 2;
        }
        if (v.isArray()) {
            for (JsonNode x : v) {
                if (!zero(x)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }
}
