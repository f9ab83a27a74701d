package org.tcpsim.engine;

import java.util.function.Consumer;

/**
 * A hash map from primitive long keys to objects (open addressing, linear probing, backward-shift
 * deletion): connection tables keyed by a packed 4-tuple without boxing a Long per lookup.
 *
 * @param <V> the values
 */
public final class LongMap<V> {
    /** Until the first put, one shared empty slot: most maps (one per host and table) stay small or empty. */
    private static final long[] NO_KEYS = new long[1];
    private static final Object[] NO_VALUES = new Object[1];

    private long[] keys = NO_KEYS;
    private Object[] values = NO_VALUES;
    private int size;

    public int size() {
        return size;
    }

    @SuppressWarnings("unchecked")
    public V get(long key) {
        int mask = keys.length - 1;
        for (int i = slot(key, mask); values[i] != null; i = (i + 1) & mask) {
            if (keys[i] == key) {
                return (V) values[i];
            }
        }
        return null;
    }

    public boolean containsKey(long key) {
        return get(key) != null;
    }

    /** Associates a non-null value with the key, replacing any previous one. */
    public void put(long key, V value) {
        if (value == null) {
            throw new IllegalArgumentException("null value");
        }
        if ((size + 1) * 4 > keys.length * 3) {
            resize(keys == NO_KEYS ? 4 : keys.length * 2);
        }
        int mask = keys.length - 1;
        int i = slot(key, mask);
        while (values[i] != null) {
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = value;
        size++;
    }

    /** Removes the key if it maps to exactly {@code value}; returns whether it did. */
    public boolean remove(long key, V value) {
        int mask = keys.length - 1;
        for (int i = slot(key, mask); values[i] != null; i = (i + 1) & mask) {
            if (keys[i] == key) {
                if (values[i] != value) {
                    return false;
                }
                deleteAt(i);
                return true;
            }
        }
        return false;
    }

    /** Visits every value (in table order, which is deterministic for a given history of operations). */
    @SuppressWarnings("unchecked")
    public void forEachValue(Consumer<V> action) {
        for (Object v : values) {
            if (v != null) {
                action.accept((V) v);
            }
        }
    }

    private void deleteAt(int i) {
        int mask = keys.length - 1;
        values[i] = null;
        size--;
        // backward-shift the following cluster so probing never stops early
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            if (values[j] == null) {
                return;
            }
            int home = slot(keys[j], mask);
            boolean movable = i <= j ? home <= i || home > j : home <= i && home > j;
            if (movable) {
                keys[i] = keys[j];
                values[i] = values[j];
                values[j] = null;
                i = j;
            }
        }
    }

    private void resize(int capacity) {
        long[] k = keys;
        Object[] v = values;
        keys = new long[capacity];
        values = new Object[capacity];
        size = 0;
        int mask = capacity - 1;
        for (int i = 0; i < k.length; i++) {
            if (v[i] != null) {
                int j = slot(k[i], mask);
                while (values[j] != null) {
                    j = (j + 1) & mask;
                }
                keys[j] = k[i];
                values[j] = v[i];
                size++;
            }
        }
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
