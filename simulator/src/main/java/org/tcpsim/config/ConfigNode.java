package org.tcpsim.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A cursor on one JSON value of a {@link LocatedDocument}, for writing the experiment model.
 * Reads never throw: a wrong or missing value is recorded in the shared {@link Problems} sink
 * (with file, pointer, line and column) and a default is returned, so one pass finds every error.
 * <p>
 * Object keys that are asked about are remembered (per pointer, shared by all cursors of one
 * {@link #root}); {@link #finish()} then reports every other key as unknown.
 * {@code require*} reads report "missing required field" and return 0/null; {@code opt*} reads
 * return the given default when the key is absent or its value is wrong.
 */
public final class ConfigNode {

    /** What all cursors from one root share. */
    private record Context(LocatedDocument doc, Problems sink, FieldUsage usage) {
    }

    @FunctionalInterface
    private interface Reader<T> {
        T read(JsonNode n); // throws IllegalArgumentException with the message the user should see
    }

    private final Context ctx;
    private final String pointer;
    private final JsonNode json; // null when missing
    private final String key; // this node's key in its parent object; null for the root and array elements
    private final boolean reportIfMissing; // false below a missing or non-object parent: that was reported once

    private ConfigNode(Context ctx, String pointer, JsonNode json, String key, boolean reportIfMissing) {
        this.ctx = ctx;
        this.pointer = pointer;
        this.json = json;
        this.key = key;
        this.reportIfMissing = reportIfMissing;
    }

    public static ConfigNode root(LocatedDocument doc, Problems sink) {
        return new ConfigNode(new Context(doc, sink, new FieldUsage()), "", doc.root(), null, true);
    }

    public String pointer() {
        return pointer;
    }

    /** The value; a MissingNode when absent. */
    public JsonNode json() {
        return json == null ? MissingNode.getInstance() : json;
    }

    public LocatedDocument document() {
        return ctx.doc;
    }

    public Problems problems() {
        return ctx.sink;
    }

    public boolean isMissing() {
        return json == null;
    }

    public boolean isObject() {
        return json != null && json.isObject();
    }

    public boolean isArray() {
        return json != null && json.isArray();
    }

    public boolean isTextual() {
        return json != null && json.isTextual();
    }

    public boolean isNumber() {
        return json != null && json.isNumber();
    }

    public boolean isNull() {
        return json != null && json.isNull();
    }

    // ---- navigation -------------------------------------------------------------------------

    /** Whether this object has {@code key}; marks the key as known either way. */
    public boolean has(String key) {
        asked(key);
        return isObject() && json.has(key);
    }

    /** The member {@code key}; a missing cursor when absent. On a non-object, reports "expected an object". */
    public ConfigNode get(String key) {
        asked(key);
        String child = JsonPointers.child(pointer, key);
        if (json == null) {
            return new ConfigNode(ctx, child, null, key, false);
        }
        if (!json.isObject()) {
            problem("expected an object; got " + Describe.value(json));
            return new ConfigNode(ctx, child, null, key, false);
        }
        return new ConfigNode(ctx, child, json.get(key), key, true);
    }

    /** Members in document order, all marked known; for maps with user-chosen keys (hosts, sysctls). */
    public Map<String, ConfigNode> entries() {
        Map<String, ConfigNode> out = new LinkedHashMap<>();
        if (json != null && !json.isObject()) {
            problem("expected an object; got " + Describe.value(json));
        } else if (json != null) {
            for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                out.put(k, get(k));
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** Array elements; reports a non-array (and a missing required one) and returns an empty list. */
    public List<ConfigNode> elements() {
        if (json == null) {
            reportMissing();
            return List.of();
        }
        if (!json.isArray()) {
            problem("expected an array; got " + Describe.value(json));
            return List.of();
        }
        List<ConfigNode> out = new ArrayList<>(json.size());
        for (int i = 0; i < json.size(); i++) {
            out.add(new ConfigNode(ctx, JsonPointers.index(pointer, i), json.get(i), null, true));
        }
        return out;
    }

    /** Declares keys this object may have that are read elsewhere (or deliberately ignored). */
    public void markKnown(String... keys) {
        for (String k : keys) {
            asked(k);
        }
    }

    /** A required object member; reports it missing or not an object. */
    public ConfigNode requireObject(String key) {
        ConfigNode c = get(key);
        if (c.json == null) {
            c.reportMissing();
        } else if (!c.json.isObject()) {
            c.problem("expected an object; got " + Describe.value(c.json));
            return new ConfigNode(ctx, c.pointer, null, key, false);
        }
        return c;
    }

    /** An optional object member: missing when absent; reported (and missing) when not an object. */
    public ConfigNode optObject(String key) {
        ConfigNode c = get(key);
        if (c.json != null && !c.json.isObject()) {
            c.problem("expected an object; got " + Describe.value(c.json));
            return new ConfigNode(ctx, c.pointer, null, key, false);
        }
        return c;
    }

    public List<ConfigNode> requireArray(String key) {
        return get(key).elements();
    }

    /** The elements, or an empty list when absent. */
    public List<ConfigNode> optArray(String key) {
        ConfigNode c = get(key);
        return c.json == null ? List.of() : c.elements();
    }

    // ---- value-level reads (this node is the value; missing means "missing required field") ----

    public String asString() {
        return read(ValueReaders::string, null);
    }

    public long asDurationNs() {
        return read(ValueReaders::durationNs, 0L);
    }

    public long asRateBps() {
        return read(ValueReaders::rateBps, 0L);
    }

    public long asSizeBytes() {
        return read(ValueReaders::sizeBytes, 0L);
    }

    public QueueLimit asQueueLimit() {
        return read(ValueReaders::queueLimit, null);
    }

    /** Events per second, from "2000/s", "5/ms", ... */
    public double asEventRate() {
        return read(ValueReaders::eventRate, 0.0);
    }

    public int asInt(int min, int max) {
        return read(n -> (int) ValueReaders.integer(n, min, max), 0);
    }

    public long asLong(long min, long max) {
        return read(n -> ValueReaders.integer(n, min, max), 0L);
    }

    public double asDouble(double min, double max) {
        return read(n -> ValueReaders.decimal(n, min, max), 0.0);
    }

    public double asProbability() {
        return asDouble(0.0, 1.0);
    }

    /** true/false, or 1/0 as sysctls write it. */
    public boolean asBool() {
        return read(ValueReaders::bool, false);
    }

    public String asEnum(String... allowed) {
        return read(n -> ValueReaders.enumValue(n, allowed), null);
    }

    /** An array of integers; each bad element is reported at its own pointer and skipped. */
    public List<Long> asLongList(long min, long max) {
        List<Long> out = new ArrayList<>();
        for (ConfigNode e : elements()) {
            Long v = e.read(n -> ValueReaders.integer(n, min, max), null);
            if (v != null) {
                out.add(v);
            }
        }
        return out;
    }

    // ---- member reads ---------------------------------------------------------------------------

    public String requireString(String key) {
        return get(key).asString();
    }

    public String optString(String key, String def) {
        return opt(key, ValueReaders::string, def);
    }

    public long requireDurationNs(String key) {
        return get(key).asDurationNs();
    }

    public long optDurationNs(String key, long def) {
        return opt(key, ValueReaders::durationNs, def);
    }

    public long requireRateBps(String key) {
        return get(key).asRateBps();
    }

    public long optRateBps(String key, long def) {
        return opt(key, ValueReaders::rateBps, def);
    }

    public long requireSizeBytes(String key) {
        return get(key).asSizeBytes();
    }

    public long optSizeBytes(String key, long def) {
        return opt(key, ValueReaders::sizeBytes, def);
    }

    public QueueLimit requireQueueLimit(String key) {
        return get(key).asQueueLimit();
    }

    public QueueLimit optQueueLimit(String key, QueueLimit def) {
        return opt(key, ValueReaders::queueLimit, def);
    }

    public double requireEventRate(String key) {
        return get(key).asEventRate();
    }

    public double optEventRate(String key, double def) {
        return opt(key, ValueReaders::eventRate, def);
    }

    public int requireInt(String key, int min, int max) {
        return get(key).asInt(min, max);
    }

    public int optInt(String key, int def, int min, int max) {
        return opt(key, n -> (int) ValueReaders.integer(n, min, max), def);
    }

    public long requireLong(String key, long min, long max) {
        return get(key).asLong(min, max);
    }

    public long optLong(String key, long def, long min, long max) {
        return opt(key, n -> ValueReaders.integer(n, min, max), def);
    }

    public double requireDouble(String key, double min, double max) {
        return get(key).asDouble(min, max);
    }

    public double optDouble(String key, double def, double min, double max) {
        return opt(key, n -> ValueReaders.decimal(n, min, max), def);
    }

    public double optProbability(String key, double def) {
        return optDouble(key, def, 0.0, 1.0);
    }

    public boolean requireBool(String key) {
        return get(key).asBool();
    }

    public boolean optBool(String key, boolean def) {
        return opt(key, ValueReaders::bool, def);
    }

    public String requireEnum(String key, String... allowed) {
        return get(key).asEnum(allowed);
    }

    public String optEnum(String key, String def, String... allowed) {
        return opt(key, n -> ValueReaders.enumValue(n, allowed), def);
    }

    /** The integers of an optional array; empty when absent. */
    public List<Long> optLongList(String key, long min, long max) {
        ConfigNode c = get(key);
        return c.json == null ? List.of() : c.asLongList(min, max);
    }

    // ---- problems -------------------------------------------------------------------------------

    /** Records a problem at this value. */
    public void problem(String message) {
        ctx.sink.add(ctx.doc.problemAt(pointer, message));
    }

    /** Records a problem at member {@code key} (located at this object when the member is absent). */
    public void problemAt(String key, String message) {
        ctx.sink.add(ctx.doc.problemAt(JsonPointers.child(pointer, key), message));
    }

    /**
     * Call after reading an object: reports each key never asked about as an unknown field,
     * with a "did you mean" when one known key is close. A present non-object is reported too.
     */
    public void finish() {
        if (json == null) {
            return;
        }
        if (!json.isObject()) {
            problem("expected an object; got " + Describe.value(json));
            return;
        }
        ctx.usage.reportUnknown(ctx.doc, pointer, json, ctx.sink);
    }

    // ---- internals ------------------------------------------------------------------------------

    private void asked(String k) {
        ctx.usage.asked(pointer, k);
    }

    private void reportMissing() {
        if (reportIfMissing && key != null) {
            ctx.sink.add(ctx.doc.problemAt(JsonPointers.parent(pointer), "missing required field '" + key + "'"));
        }
    }

    private <T> T read(Reader<T> reader, T fallback) {
        if (json == null) {
            reportMissing();
            return fallback;
        }
        try {
            return reader.read(json);
        } catch (IllegalArgumentException e) {
            problem(e.getMessage());
            return fallback;
        }
    }

    private <T> T opt(String key, Reader<T> reader, T def) {
        ConfigNode c = get(key);
        return c.json == null ? def : c.read(reader, def);
    }

    @Override
    public String toString() {
        return ctx.doc.file() + " at " + (pointer.isEmpty() ? "/" : pointer);
    }
}
