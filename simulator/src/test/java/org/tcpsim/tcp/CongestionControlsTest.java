package org.tcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tcpsim.tcp.congestion.Cubic;
import org.tcpsim.tcp.congestion.Reno;

/** Modules found with ServiceLoader, as Linux finds registered tcp_congestion_ops by name. */
class CongestionControlsTest {
    @Test
    void reno_and_cubic_are_found_by_name() {
        // sorted by name; test-fixed4 and test-record are the test classpath's own plugins
        assertEquals(List.of("cubic", "reno", "test-fixed4", "test-record"), List.copyOf(CongestionControls.available().keySet()));
        assertInstanceOf(Reno.class, CongestionControls.factory("reno").create());
        assertInstanceOf(Cubic.class, CongestionControls.factory("cubic").create());
        assertTrue(CongestionControls.available().get("cubic").description().contains("HyStart"));
    }

    @Test
    void each_socket_gets_its_own_instance() {
        assertNotSame(CongestionControls.factory("cubic").create(), CongestionControls.factory("cubic").create());
    }

    @Test
    void unknown_name_is_an_error_that_lists_the_available_ones() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CongestionControls.factory("bbr"));
        assertTrue(e.getMessage().contains("'bbr'"), e.getMessage());
        assertTrue(e.getMessage().contains("available: cubic, reno, test-fixed4, test-record"), e.getMessage());
    }

    @Test
    void the_registry_is_read_only() {
        assertThrows(UnsupportedOperationException.class,
                () -> CongestionControls.available().remove("reno"));
    }
}
