package org.tcpsim.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.tcpsim.config.ConfigProblem;
import org.tcpsim.config.JsonPointers;
import org.tcpsim.net.NodeKind;

/**
 * Warnings for sysctls an experiment sets that the model does not read ({@link ModelledSysctls}): a
 * user must not believe a knob was tested that changed nothing. One line per knob, where it is first
 * set (the file's "hosts", a sweep entry or a --set option), never an error.
 */
public final class UnreadKnobs {
    private UnreadKnobs() {
    }

    /** Where a knob is set and on which nodes. */
    private static final class Setting {
        final ConfigProblem firstAt;
        final Set<String> nodes = new LinkedHashSet<>();

        Setting(ConfigProblem firstAt) {
            this.firstAt = firstAt;
        }
    }

    /**
     * The warning lines for {@code file} with {@code overrides} (--set) applied, and its sweep's values when
     * {@code swept} (not for `run`, which ignores the sweep), node kinds taken from {@code topology}; each is
     * {@code FILE:LINE:COL: at POINTER: ...} (or {@code --set P=V: at ...}).
     */
    public static List<String> warnings(ExperimentFile file, TopologySpec topology, Map<String, JsonNode> overrides,
                                        boolean swept) {
        Map<String, Setting> unread = new LinkedHashMap<>();
        JsonNode hosts = file.document().root().path("hosts");
        hosts.fields().forEachRemaining(h -> h.getValue().path("sysctl").fieldNames().forEachRemaining(k -> {
            String pointer = JsonPointers.child(JsonPointers.child(JsonPointers.child("/hosts", h.getKey()), "sysctl"), k);
            note(unread, topology, h.getKey(), k, () -> file.document().problemAtKey(pointer, ""));
        }));
        for (Map.Entry<String, List<JsonNode>> e : file.sweep().entrySet()) {
            if (!swept) {
                break;
            }
            int[] at = file.locateSweepEntry(e.getKey());
            String where = JsonPointers.child("/sweep", e.getKey());
            for (JsonNode value : e.getValue()) {
                settings(e.getKey(), value, (h, k) -> note(unread, topology, h, k,
                        () -> new ConfigProblem(file.file(), where, at[0], at[1], "")));
            }
        }
        for (Map.Entry<String, JsonNode> o : overrides.entrySet()) {
            String option = "--set " + o.getKey() + "=" + (o.getValue().isTextual() ? o.getValue().asText() : o.getValue());
            settings(o.getKey(), o.getValue(), (h, k) -> note(unread, topology, h, k,
                    () -> new ConfigProblem(option, o.getKey(), 0, 0, "")));
        }
        List<String> out = new ArrayList<>();
        unread.forEach((knob, s) -> out.add(new ConfigProblem(s.firstAt.file(), s.firstAt.pointer(), s.firstAt.line(),
                s.firstAt.column(), message(knob, s.nodes)).format()));
        return out;
    }

    private static String message(String knob, Set<String> nodes) {
        String on = String.join(", ", nodes);
        if (ModelledSysctls.read(knob)) {
            return knob + " is read only on " + ModelledSysctls.readers(knob) + ", so setting it on " + on
                    + " changes nothing in this run";
        }
        return knob + " is accepted but the model does not read it (set on " + on + "): it changes nothing in this run"
                + " (`tcpsim sysctls` shows which knobs are modelled)";
    }

    private static void note(Map<String, Setting> unread, TopologySpec topology, String node, String knob,
                             Supplier<ConfigProblem> where) {
        NodeSpec n = topology == null ? null : topology.byName().get(node);
        NodeKind kind = n == null ? NodeKind.HOST : n.kind();
        if (ModelledSysctls.readOn(kind, knob)) {
            return;
        }
        unread.computeIfAbsent(knob, k -> new Setting(where.get())).nodes.add(node);
    }

    /** Every (node, sysctl) a value written at {@code pointer} sets: /hosts/H/sysctl/K, or an object above it. */
    private static void settings(String pointer, JsonNode value, BiConsumer<String, String> into) {
        List<String> at = JsonPointers.split(pointer);
        if (at.isEmpty() || !at.get(0).equals("hosts")) {
            return;
        }
        if (at.size() >= 4 && at.get(2).equals("sysctl")) {
            into.accept(at.get(1), at.get(3));
        } else if (at.size() == 3 && at.get(2).equals("sysctl")) {
            value.fieldNames().forEachRemaining(k -> into.accept(at.get(1), k));
        } else if (at.size() == 2) {
            value.path("sysctl").fieldNames().forEachRemaining(k -> into.accept(at.get(1), k));
        } else if (at.size() == 1) {
            value.fields().forEachRemaining(h -> h.getValue().path("sysctl").fieldNames()
                    .forEachRemaining(k -> into.accept(h.getKey(), k)));
        }
    }
}
