package org.tcpsim.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tcpsim.config.Units;

/**
 * Reads x values as written in summary.csv: plain numbers, or values with units as experiment
 * files write them ("10ms", "100Mbps", "64KiB", "2000/s"), which become numbers in one unit so a
 * line chart can place them; and short labels for values that stay categories (a swept loss
 * model's JSON becomes "bernoulli p=0.01").
 */
final class AxisValues {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AxisValues() {
    }

    /** The unit all values share, or null when some value is neither a number nor of that unit. */
    static Unit commonUnit(List<String> values) {
        Unit found = null;
        for (String v : values) {
            if (Csv.number(v) != null) {
                continue;
            }
            Unit u = unitOf(v);
            if (u == null || (found != null && found != u)) {
                return null;
            }
            found = u;
        }
        return found == null ? Unit.NONE : found;
    }

    /** The value as a number in {@code unit} (seconds, bit/s, bytes, per second), or null. */
    static Double number(String v, Unit unit) {
        Double plain = Csv.number(v);
        if (plain != null) {
            return plain;
        }
        try {
            switch (unit) {
                case SECONDS: return Units.parseDurationNs(v) / 1e9;
                case BITS_PER_SECOND: return (double) Units.parseRateBps(v);
                case BYTES: return (double) Units.parseSizeBytes(v);
                case PER_SECOND: return Units.parseEventRatePerSecond(v);
                default: return null;
            }
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Unit unitOf(String v) {
        for (Unit u : new Unit[] {Unit.SECONDS, Unit.BITS_PER_SECOND, Unit.BYTES, Unit.PER_SECOND}) {
            if (number(v, u) != null) {
                return u;
            }
        }
        return null;
    }

    /** A category label: JSON objects as "model p=0.01 ..." (the "model" value first, bare), else the text. */
    static String label(String v) {
        if (!v.startsWith("{")) {
            return v;
        }
        try {
            JsonNode o = JSON.readTree(v);
            if (o == null || !o.isObject()) {
                return v;
            }
            List<String> parts = new ArrayList<>();
            JsonNode model = o.get("model");
            if (model != null && model.isTextual()) {
                parts.add(model.asText());
            }
            for (Map.Entry<String, JsonNode> e : o.properties()) {
                if (!e.getKey().equals("model")) {
                    parts.add(e.getKey() + "=" + (e.getValue().isTextual() ? e.getValue().asText() : e.getValue()));
                }
            }
            return String.join(" ", parts);
        } catch (JsonProcessingException e) {
            return v;
        }
    }
}
