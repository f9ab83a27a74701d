package org.tcpsim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class KernelVersionTest {
    @Test
    void labelsAndParsing() {
        assertEquals("6.18", KernelVersion.V6_18.label());
        assertEquals("4.9", KernelVersion.V4_9.label());
        assertEquals(Optional.of(KernelVersion.V6_18), KernelVersion.parse("6.18"));
        assertEquals(Optional.of(KernelVersion.V4_9), KernelVersion.parse("4.9"));
        assertTrue(KernelVersion.parse("4.9 ").isEmpty(), "exact names only, as for every other name (F12)");
        assertTrue(KernelVersion.parse("5.4").isEmpty());
        assertTrue(KernelVersion.parse("").isEmpty());
        assertTrue(KernelVersion.parse(null).isEmpty());
    }

    @Test
    void newestIsTheDefaultProfile() {
        assertEquals(KernelVersion.V6_18, KernelVersion.newest());
        assertEquals("6.18, 4.9", KernelVersion.labels());
    }

    @Test
    void timestampOffsetsOnlyOnNewKernel() {
        assertTrue(KernelVersion.V6_18.hasTimestampOffsets());
        assertFalse(KernelVersion.V4_9.hasTimestampOffsets());
    }
}
