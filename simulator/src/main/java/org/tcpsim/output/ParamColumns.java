package org.tcpsim.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Column names and cell text for swept parameters (JSON Pointers) in the summary files. */
final class ParamColumns {
    /** Fixed columns of summary.csv and aggregate.csv that a parameter name must not take. */
    static final Set<String> RESERVED = Set.of(
            "run_id", "seed", "metric", "n", "mean", "stddev", "ci95_low", "ci95_high");

    private ParamColumns() {}

    /**
     * Names of the swept pointers as {@link #names(List)} gives them (unchanged by anything else),
     * then of {@code extra} pointers (--set values): the shortest suffix that is unique among all
     * and not already a name, else the pointer itself.
     */
    static List<String> names(List<String> swept, List<String> extra) {
        List<String> names = new ArrayList<>(names(swept));
        if (extra.isEmpty()) {
            return names;
        }
        List<String> all = new ArrayList<>(swept);
        all.addAll(extra);
        List<String> joint = names(all);
        Set<String> taken = new HashSet<>(names);
        for (int i = swept.size(); i < all.size(); i++) {
            String n = joint.get(i);
            if (!taken.add(n)) {
                n = all.get(i);
                taken.add(n);
            }
            names.add(n);
        }
        return names;
    }

    /**
     * For each pointer, the shortest suffix of its unescaped segments (joined with "/") that no
     * other pointer shares as a suffix and that is not a fixed column name; the whole segment
     * path when every suffix is shared; the raw pointer if even that clashes.
     */
    static List<String> names(List<String> pointers) {
        List<List<String>> suffixes = new ArrayList<>();
        Map<String, Integer> owners = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (String p : pointers) {
            if (!seen.add(p)) throw new IllegalArgumentException("swept pointer listed twice: " + p);
            List<String> segs = segments(p);
            Set<String> own = new LinkedHashSet<>();
            for (int k = 1; k <= segs.size(); k++) own.add(String.join("/", segs.subList(segs.size() - k, segs.size())));
            for (String c : own) owners.merge(c, 1, Integer::sum);
            suffixes.add(new ArrayList<>(own));
        }
        List<String> names = new ArrayList<>();
        for (List<String> own : suffixes) {
            String name = own.isEmpty() ? "" : own.get(own.size() - 1);
            for (String c : own) {
                if (owners.get(c) == 1 && !RESERVED.contains(c)) { name = c; break; }
            }
            names.add(name);
        }
        Map<String, Integer> count = new HashMap<>();
        for (String n : names) count.merge(n, 1, Integer::sum);
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            if (count.get(n) > 1 || RESERVED.contains(n) || n.isEmpty()) names.set(i, pointers.get(i));
        }
        return names;
    }

    /** RFC 6901 reference tokens of a pointer, unescaped. */
    static List<String> segments(String pointer) {
        if (pointer.isEmpty()) return List.of();
        if (pointer.charAt(0) != '/') throw new IllegalArgumentException("not a JSON Pointer: '" + pointer + "'");
        List<String> out = new ArrayList<>();
        for (String raw : pointer.substring(1).split("/", -1)) out.add(raw.replace("~1", "/").replace("~0", "~"));
        return out;
    }

    /**
     * Cell text of a parameter value: strings without JSON quotes, other scalars and containers
     * as compact JSON; null (absent) for a missing value.
     */
    static String cell(JsonNode v) {
        if (v == null || v.isMissingNode()) return null;
        if (v.isTextual()) return v.textValue();
        return Json.compact(v);
    }

    /**
     * The scalar leaves of an object value, "key" or "key.sub" -> value, so that a swept loss model
     * {"model": "bernoulli", "p": 0.01} also gives columns loss.model and loss.p (arrays stay whole).
     */
    static Map<String, JsonNode> leaves(JsonNode v) {
        Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
        if (v != null && v.isObject()) addLeaves("", v, out);
        return out;
    }

    private static void addLeaves(String prefix, JsonNode v, Map<String, JsonNode> out) {
        for (Map.Entry<String, JsonNode> e : v.properties()) {
            if (e.getValue().isObject()) addLeaves(prefix + e.getKey() + ".", e.getValue(), out);
            else out.put(prefix + e.getKey(), e.getValue());
        }
    }
}
