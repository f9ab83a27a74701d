package org.tcpsim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tcpsim.kernel.SysctlNames.*;

import com.fasterxml.jackson.databind.node.TextNode;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SysctlsTest {
    private static final Sysctls S = Sysctls.defaults(KernelVersion.V6_18);

    @Test
    void withReturnsANewInstanceAndLeavesTheOldOneAlone() throws Exception {
        Sysctls changed = S.with(TCP_TW_REUSE, "1");
        assertNotSame(S, changed);
        assertEquals(2, S.getInt(TCP_TW_REUSE));
        assertEquals(1, changed.getInt(TCP_TW_REUSE));
        assertEquals(KernelVersion.V6_18, changed.kernel());
        assertEquals(S.memory(), changed.memory());
    }

    @Test
    void gettersReturnCopies() throws Exception {
        long[] v = S.getVector(TCP_RMEM);
        v[0] = 1;
        assertEquals(4096, S.getVector(TCP_RMEM)[0]);
        Sysctls s = S.with(IP_LOCAL_RESERVED_PORTS, "8080");
        BitSet ports = s.getPortSet(IP_LOCAL_RESERVED_PORTS);
        ports.set(1);
        assertEquals("8080", s.text(IP_LOCAL_RESERVED_PORTS));
        assertThrows(UnsupportedOperationException.class, () -> S.asText().put("x", "y"));
    }

    @Test
    void programmingErrorsAreIllegalArgument() {
        assertThrows(IllegalArgumentException.class, () -> S.getInt("net.ipv4.no_such_thing"));
        assertThrows(IllegalArgumentException.class, () -> S.getInt(TCP_RMEM));
        assertThrows(IllegalArgumentException.class, () -> S.getVector(TCP_SACK));
        assertThrows(IllegalArgumentException.class, () -> S.getString(TCP_SACK));
        assertThrows(IllegalArgumentException.class, () -> S.getPortSet(IP_LOCAL_PORT_RANGE));
        assertThrows(IllegalArgumentException.class, () -> S.getBool(TCP_TW_REUSE));
        assertThrows(IllegalArgumentException.class, () -> S.getInt(FILE_MAX));
        assertThrows(IllegalArgumentException.class, () -> S.getInt(TCP_TW_RECYCLE));
        assertThrows(IllegalArgumentException.class, () -> S.text("nope"));
        assertThrows(IllegalArgumentException.class, () -> Sysctls.defaults(KernelVersion.V6_18, 0));
    }

    @Test
    void typedGetters() {
        assertEquals(4096, S.getInt(SOMAXCONN));
        assertEquals(4096L, S.getLong(SOMAXCONN));
        assertEquals(1625292L, S.getLong(FILE_MAX));
        assertTrue(S.getBool(TCP_SACK));
        assertEquals("cubic", S.getString(TCP_CONGESTION_CONTROL));
        assertTrue(S.getPortSet(IP_LOCAL_RESERVED_PORTS).isEmpty());
        assertEquals(32768, S.getVector(IP_LOCAL_PORT_RANGE)[0]);
    }

    @ParameterizedTest
    @EnumSource(KernelVersion.class)
    void asTextListsEveryKnobOfTheKernelSorted(KernelVersion k) {
        Sysctls s = Sysctls.defaults(k);
        SortedMap<String, String> text = s.asText();
        List<String> expected = SysctlRegistry.linux().on(k).stream().map(SysctlSpec::name).toList();
        assertEquals(expected, List.copyOf(text.keySet()));
        assertEquals("4096\t16384\t4194304", text.get(TCP_WMEM));
    }

    @ParameterizedTest
    @EnumSource(KernelVersion.class)
    void textRoundTripsForEveryKnob(KernelVersion k) throws Exception {
        for (long bytes : new long[] {16L << 20, 1L << 30, HostMemory.DEFAULT_BYTES, 1L << 40}) {
            Sysctls s = Sysctls.defaults(k, bytes);
            for (Map.Entry<String, String> e : s.asText().entrySet()) {
                assertEquals(s, s.with(e.getKey(), e.getValue()), e.getKey());
                assertEquals(s, s.with(e.getKey(), TextNode.valueOf(s.text(e.getKey()))), e.getKey());
            }
        }
    }

    @Test
    void textRoundTripsForWrittenValues() throws Exception {
        Sysctls s = S.with(IP_LOCAL_RESERVED_PORTS, "8080,9000-9100,22")
                .with(TCP_RMEM, "4096 87380 6291456")
                .with(TCP_CONGESTION_CONTROL, "reno")
                .with(TCP_REORDERING, "0x20")
                .with(IP_LOCAL_PORT_RANGE, "40000\t40099");
        for (String name : List.of(IP_LOCAL_RESERVED_PORTS, TCP_RMEM, TCP_CONGESTION_CONTROL, TCP_REORDERING,
                IP_LOCAL_PORT_RANGE)) {
            assertEquals(s, s.with(name, s.text(name)), name);
        }
        assertEquals("22,8080,9000-9100", s.text(IP_LOCAL_RESERVED_PORTS));
        assertEquals("32", s.text(TCP_REORDERING));
    }

    @Test
    void changedFromDefaults() throws Exception {
        assertTrue(S.changedFromDefaults().isEmpty());
        Sysctls s = S.with(TCP_TW_REUSE, "0").with(SOMAXCONN, "4096");
        assertEquals(Map.of(TCP_TW_REUSE, "0"), s.changedFromDefaults());
    }

    @Test
    void equalityFollowsValues() throws Exception {
        assertEquals(S, Sysctls.defaults(KernelVersion.V6_18, HostMemory.DEFAULT_BYTES));
        assertEquals(S.hashCode(), Sysctls.defaults(KernelVersion.V6_18).hashCode());
        assertNotEquals(S, S.with(TCP_SACK, "0"));
        assertNotEquals(S, Sysctls.defaults(KernelVersion.V6_18, 1L << 30));
        assertFalse(S.has(TCP_TW_RECYCLE));
        assertTrue(S.has(TCP_TW_REUSE_DELAY));
    }

    @Test
    void writesApplyInOrderLikeSysctlP() throws Exception {
        // the same pair fails in the other order, as it would on Linux
        assertThrows(SysctlException.class, () -> S.with(IP_LOCAL_PORT_RANGE, "500 600"));
        Sysctls s = S.with(IP_UNPRIVILEGED_PORT_START, "500").with(IP_LOCAL_PORT_RANGE, "500 600");
        assertEquals("500\t600", s.text(IP_LOCAL_PORT_RANGE));
    }
}
