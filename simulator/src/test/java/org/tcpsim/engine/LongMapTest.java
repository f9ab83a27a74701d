package org.tcpsim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LongMapTest {
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void behaves_like_a_hash_map_under_random_puts_gets_and_removes(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        LongMap<String> m = new LongMap<>();
        Map<Long, String> ref = new HashMap<>();
        for (int step = 0; step < 50_000; step++) {
            long key = r.nextInt(2_000) * 0x10001L; // clustered keys, many collisions
            switch (r.nextInt(3)) {
                case 0 -> {
                    String v = "v" + step;
                    m.put(key, v);
                    ref.put(key, v);
                }
                case 1 -> {
                    String v = ref.get(key);
                    if (v != null) {
                        m.remove(key, v);
                        ref.remove(key);
                    } else {
                        assertFalse(m.remove(key, "absent"));
                    }
                }
                default -> assertEquals(ref.get(key), m.get(key), "seed " + seed + " step " + step);
            }
            assertEquals(ref.size(), m.size());
        }
        for (Map.Entry<Long, String> e : ref.entrySet()) {
            assertEquals(e.getValue(), m.get(e.getKey()));
        }
        int[] count = new int[1];
        m.forEachValue(v -> count[0]++);
        assertEquals(ref.size(), count[0]);
    }
}
