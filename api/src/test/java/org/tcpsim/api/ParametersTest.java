package org.tcpsim.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parameters check values against the declarations and fill in defaults, as the simulator relies on. */
class ParametersTest {
    static final List<Parameter> DECLARED = List.of(
            Parameter.integer("beta", 717, 1, 1023, "beta"),
            Parameter.bool("hystart", true, "hystart"),
            Parameter.number("p", 0.5, 0, 1, "probability"),
            Parameter.string("mode", "fast", List.of("fast", "slow"), "mode"),
            Parameter.duration("interval", 1_000_000_000L, 1, Long.MAX_VALUE, "interval"));

    @Test
    void defaults_fill_what_is_not_given_and_isSet_tells_which_were() {
        Parameters p = Parameters.of(DECLARED, Map.of("beta", 600L, "hystart", false));
        assertEquals(600, p.integer("beta"));
        assertFalse(p.bool("hystart"));
        assertEquals(0.5, p.number("p"));
        assertEquals("fast", p.string("mode"));
        assertEquals(1_000_000_000L, p.durationNs("interval"));
        assertTrue(p.isSet("beta"));
        assertFalse(p.isSet("p"));
        assertEquals(Parameters.defaults(DECLARED), Parameters.of(DECLARED, Map.of("beta", 717L)),
                "equal values, equal configurations");
    }

    @Test
    void out_of_range_wrong_type_unknown_and_missing_are_parameter_exceptions_naming_the_key() {
        assertEquals("beta", assertThrows(ParameterException.class,
                () -> Parameters.of(DECLARED, Map.of("beta", 1024L))).parameter());
        assertEquals("hystart", assertThrows(ParameterException.class,
                () -> Parameters.of(DECLARED, Map.of("hystart", 1L))).parameter());
        assertEquals("mode", assertThrows(ParameterException.class,
                () -> Parameters.of(DECLARED, Map.of("mode", "medium"))).parameter());
        assertEquals("nope", assertThrows(ParameterException.class,
                () -> Parameters.of(DECLARED, Map.of("nope", 1L))).parameter());
        ParameterException missing = assertThrows(ParameterException.class,
                () -> Parameters.of(List.of(Parameter.file("trace", "the trace")), Map.of()));
        assertTrue(missing.getMessage().contains("'trace'"), missing.getMessage());
    }

    @Test
    void reading_a_parameter_as_another_kind_is_a_programming_error() {
        Parameters p = Parameters.defaults(DECLARED);
        assertThrows(IllegalArgumentException.class, () -> p.number("beta"));
        assertThrows(IllegalArgumentException.class, () -> p.integer("undeclared"));
    }

    @Test
    void a_declaration_with_a_bad_name_or_range_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> Parameter.integer("bad-name", 1, 0, 2, "x"));
        assertThrows(IllegalArgumentException.class, () -> Parameter.integer("x", 1, 3, 2, "x"));
        assertThrows(IllegalArgumentException.class,
                () -> Parameters.defaults(List.of(Parameter.bool("a", true, "x"), Parameter.bool("a", false, "y"))));
    }
}
