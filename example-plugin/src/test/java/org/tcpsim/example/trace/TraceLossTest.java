package org.tcpsim.example.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tcpsim.api.ParameterException;
import org.tcpsim.api.Parameters;
import org.tcpsim.api.loss.LossModel;
import org.tcpsim.api.loss.LossModelFactory;

/** The trace model drops exactly the listed packets of each direction, and reports bad lines by number. */
class TraceLossTest {
    @TempDir
    Path dir;

    private LossModelFactory configure(String content) throws IOException {
        Path f = dir.resolve("drops.txt");
        Files.writeString(f, content);
        TraceLossType type = new TraceLossType();
        return type.configure(Parameters.of(type.parameters(), Map.of("file", f)));
    }

    private static List<Integer> dropped(LossModel m, int packets) {
        SplittableRandom r = new SplittableRandom(1);
        List<Integer> out = new ArrayList<>();
        for (int i = 1; i <= packets; i++) {
            if (m.drop(i * 1000L, r)) {
                out.add(i);
            }
        }
        return out;
    }

    @Test
    void drops_exactly_the_listed_packets_and_ranges_in_any_order() throws IOException {
        LossModelFactory f = configure("# packets to drop\n7\n3\n\n10-12  # a burst\n3\n");
        assertEquals(List.of(3, 7, 10, 11, 12), dropped(f.create(), 100));
        assertEquals(List.of(3, 7, 10, 11, 12), dropped(f.create(), 100), "each model counts from packet 1");
        assertTrue(Double.isNaN(f.expectedLossRate()));
    }

    @Test
    void the_model_uses_no_randomness() throws IOException {
        LossModel m = configure("2\n").create();
        SplittableRandom r = new SplittableRandom(42);
        long before = new SplittableRandom(42).nextLong();
        m.drop(0, r);
        m.drop(1, r);
        assertEquals(before, r.nextLong(), "the stream was not drawn from");
    }

    @Test
    void a_bad_line_is_reported_with_its_number() throws IOException {
        ParameterException e = assertThrows(ParameterException.class, () -> configure("1\n2\nthree\n"));
        assertEquals("file", e.parameter());
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
        assertTrue(assertThrows(ParameterException.class, () -> configure("0\n")).getMessage().contains("from 1"));
        assertTrue(assertThrows(ParameterException.class, () -> configure("9-4\n")).getMessage().contains("A <= B"));
    }
}
