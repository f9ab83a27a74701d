package org.tcpsim.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tcpsim.kernel.SysctlNames.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.BitSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each value syntax, in its Linux text form (JSON string) and its JSON forms. */
class SysctlParsingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Sysctls S = Sysctls.defaults(KernelVersion.V6_18);

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"40000 40099\"", "\"40000\\t40099\"", "\"  40000   40099 \"", "\"40000\\n40099\\n\"",
        "[40000, 40099]", "[\"40000\", \"40099\"]", "\"0x9c40 40099\""})
    void portRangeForms(String jsonValue) throws Exception {
        Sysctls s = S.with(IP_LOCAL_PORT_RANGE, json(jsonValue));
        assertArrayEquals(new long[] {40000, 40099}, s.getVector(IP_LOCAL_PORT_RANGE));
        assertEquals("40000\t40099", s.text(IP_LOCAL_PORT_RANGE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"4096 131072 6291456\"", "\"4096\\t131072\\t6291456\"", "\" 4096  131072\\t 6291456\\n\"",
        "[4096, 131072, 6291456]"})
    void threeElementVectorForms(String jsonValue) throws Exception {
        Sysctls s = S.with(TCP_RMEM, json(jsonValue));
        assertArrayEquals(new long[] {4096, 131072, 6291456}, s.getVector(TCP_RMEM));
        assertEquals("4096\t131072\t6291456", s.text(TCP_RMEM));
    }

    @Test
    void tcpMemTakesUnsignedLongs() throws Exception {
        Sysctls s = S.with(TCP_MEM, json("[1, 2, 9223372036854775807]"));
        assertEquals("1\t2\t9223372036854775807", s.text(TCP_MEM));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "\"1\"", "\" 1 \"", "\"1\\n\"", "\"0x1\"", "\"01\""})
    void scalarForms(String jsonValue) throws Exception {
        assertEquals(1, S.with(TCP_TW_REUSE, json(jsonValue)).getInt(TCP_TW_REUSE));
    }

    @Test
    void integersFollowStrtoulBaseZero() throws Exception {
        assertEquals(16, S.with(TCP_REORDERING, "0x10").getInt(TCP_REORDERING));
        assertEquals(16, S.with(TCP_REORDERING, "0X10").getInt(TCP_REORDERING));
        assertEquals(8, S.with(TCP_REORDERING, "010").getInt(TCP_REORDERING));
        assertEquals(0, S.with(TCP_REORDERING, "0").getInt(TCP_REORDERING));
        assertEquals(-5, S.with(TCP_REORDERING, "-5").getInt(TCP_REORDERING));
        assertEquals(-16, S.with(TCP_REORDERING, "-0x10").getInt(TCP_REORDERING));
    }

    @Test
    void jiffiesSysctlsTakeNegativeSecondsAsLinuxDoes() throws Exception {
        assertEquals(-1, S.with(TCP_FIN_TIMEOUT, "-1").getInt(TCP_FIN_TIMEOUT));
        assertEquals(2147483, S.with(TCP_FIN_TIMEOUT, json("2147483")).getInt(TCP_FIN_TIMEOUT));
    }

    @Test
    void longScalar() throws Exception {
        Sysctls s = S.with(FILE_MAX, json("9223372036854775807"));
        assertEquals(Long.MAX_VALUE, s.getLong(FILE_MAX));
        assertEquals("9223372036854775807", s.text(FILE_MAX));
    }

    @Test
    void portListText() throws Exception {
        Sysctls s = S.with(IP_LOCAL_RESERVED_PORTS, "8080,9000-9100");
        BitSet ports = s.getPortSet(IP_LOCAL_RESERVED_PORTS);
        assertEquals(102, ports.cardinality());
        assertTrue(ports.get(8080) && ports.get(9000) && ports.get(9100));
        assertEquals("8080,9000-9100", s.text(IP_LOCAL_RESERVED_PORTS));
    }

    @Test
    void portListIsNormalisedAsLinuxPrintsIt() throws Exception {
        assertEquals("8080,9000-9001", S.with(IP_LOCAL_RESERVED_PORTS, "9001,9000,8080").text(IP_LOCAL_RESERVED_PORTS));
        assertEquals("1-8", S.with(IP_LOCAL_RESERVED_PORTS, "1-5,3-8").text(IP_LOCAL_RESERVED_PORTS));
        assertEquals("5", S.with(IP_LOCAL_RESERVED_PORTS, "5-5").text(IP_LOCAL_RESERVED_PORTS));
        assertEquals("8080", S.with(IP_LOCAL_RESERVED_PORTS, "8080,").text(IP_LOCAL_RESERVED_PORTS));
        assertEquals("0,65535", S.with(IP_LOCAL_RESERVED_PORTS, "0\n65535").text(IP_LOCAL_RESERVED_PORTS));
        assertEquals("8080", S.with(IP_LOCAL_RESERVED_PORTS, "0x1f90").text(IP_LOCAL_RESERVED_PORTS));
    }

    @Test
    void portListJsonForms() throws Exception {
        Sysctls s = S.with(IP_LOCAL_RESERVED_PORTS, json("[8080, \"9000-9100\"]"));
        assertEquals("8080,9000-9100", s.text(IP_LOCAL_RESERVED_PORTS));
        assertEquals("8080", S.with(IP_LOCAL_RESERVED_PORTS, json("8080")).text(IP_LOCAL_RESERVED_PORTS));
        assertEquals("", S.with(IP_LOCAL_RESERVED_PORTS, json("[]")).text(IP_LOCAL_RESERVED_PORTS));
    }

    @Test
    void emptyPortListClearsTheSet() throws Exception {
        Sysctls s = S.with(IP_LOCAL_RESERVED_PORTS, "8080").with(IP_LOCAL_RESERVED_PORTS, "");
        assertTrue(s.getPortSet(IP_LOCAL_RESERVED_PORTS).isEmpty());
        assertEquals("", s.text(IP_LOCAL_RESERVED_PORTS));
    }

    @Test
    void congestionControlName() throws Exception {
        assertEquals("bbr", S.with(TCP_CONGESTION_CONTROL, " bbr ").getString(TCP_CONGESTION_CONTROL));
        assertEquals("any_name_15char",
                S.with(TCP_CONGESTION_CONTROL, json("\"any_name_15char\"")).getString(TCP_CONGESTION_CONTROL));
    }

    @Test
    void booleanSwitches() throws Exception {
        assertTrue(S.getBool(TCP_SACK));
        Sysctls s = S.with(TCP_SACK, json("0"));
        assertEquals(false, s.getBool(TCP_SACK));
        assertEquals(0, s.getInt(TCP_SACK));
    }
}
