package org.tcpsim.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemsTest {

    @Test
    void format_is_file_line_column_pointer_message() {
        ConfigProblem p = new ConfigProblem("exp.json", "/links/0/rate", 12, 7, "expected a rate");
        assertEquals("exp.json:12:7: at /links/0/rate: expected a rate", p.format());
    }

    @Test
    void format_prints_the_root_pointer_as_slash() {
        assertEquals("exp.json:1:1: at /: expected an object",
                new ConfigProblem("exp.json", "", 1, 1, "expected an object").format());
    }

    @Test
    void format_omits_line_and_column_when_unknown() {
        assertEquals("missing.json: at /: file not found",
                new ConfigProblem("missing.json", "", 0, 0, "file not found").format());
    }

    @Test
    void exception_message_is_one_formatted_problem_per_line() {
        ConfigException e = new ConfigException(List.of(
                new ConfigProblem("a.json", "/x", 1, 2, "first"),
                new ConfigProblem("a.json", "/y", 3, 4, "second")));
        assertEquals("a.json:1:2: at /x: first\na.json:3:4: at /y: second", e.getMessage());
        assertEquals(2, e.problems().size());
    }

    @Test
    void exception_of_one_problem() {
        ConfigProblem p = new ConfigProblem("a.json", "", 0, 0, "boom");
        assertEquals(List.of(p), ConfigException.of(p).problems());
        assertEquals(0, ConfigException.of(p).getStackTrace().length, "user errors carry no stack trace");
    }

    @Test
    void exception_needs_a_problem() {
        assertThrows(IllegalArgumentException.class, () -> new ConfigException(List.of()));
    }

    @Test
    void problems_keep_report_order_and_drop_duplicates() {
        Problems sink = new Problems();
        assertTrue(sink.isEmpty());
        assertDoesNotThrow(sink::throwIfAny);
        ConfigProblem b = new ConfigProblem("f", "/b", 2, 1, "bad b");
        ConfigProblem a = new ConfigProblem("f", "/a", 1, 1, "bad a");
        sink.add(b);
        sink.add(a);
        sink.add(new ConfigProblem("f", "/b", 2, 1, "bad b"));
        assertFalse(sink.isEmpty());
        assertEquals(List.of(b, a), sink.list());
        ConfigException e = assertThrows(ConfigException.class, sink::throwIfAny);
        assertEquals(List.of(b, a), e.problems());
    }

    @Test
    void list_is_a_snapshot() {
        Problems sink = new Problems();
        List<ConfigProblem> before = sink.list();
        sink.add(new ConfigProblem("f", "", 1, 1, "x"));
        assertTrue(before.isEmpty());
        assertThrows(UnsupportedOperationException.class, () -> sink.list().clear());
    }
}
