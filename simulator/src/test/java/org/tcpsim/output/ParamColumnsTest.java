package org.tcpsim.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParamColumnsTest {
    @Test
    void shortestSuffixWhenUnique() {
        assertEquals(List.of("net.ipv4.tcp_tw_reuse", "rate"), SummaryFiles.paramColumnNames(List.of(
                "/hosts/client/sysctl/net.ipv4.tcp_tw_reuse", "/workloads/1/rate")));
    }

    @Test
    void clashLengthensTheSuffix() {
        assertEquals(List.of("client/sysctl/net.ipv4.tcp_tw_reuse", "server/sysctl/net.ipv4.tcp_tw_reuse", "0/rate",
                        "1/rate", "delay"),
                SummaryFiles.paramColumnNames(List.of(
                        "/hosts/client/sysctl/net.ipv4.tcp_tw_reuse", "/hosts/server/sysctl/net.ipv4.tcp_tw_reuse",
                        "/workloads/0/rate", "/workloads/1/rate", "/links/0/delay")));
    }

    @Test
    void pointerThatIsASuffixOfAnother() {
        assertEquals(List.of("a/b", "b"), SummaryFiles.paramColumnNames(List.of("/a/b", "/b")));
    }

    @Test
    void unescapesSegments() {
        assertEquals(List.of("c~d", "x/y"), SummaryFiles.paramColumnNames(List.of("/a~1b/c~0d", "/x~1y")));
    }

    @Test
    void avoidsFixedColumnNames() {
        assertEquals(List.of("0/seed", "/n"), SummaryFiles.paramColumnNames(List.of("/workloads/0/seed", "/n")));
    }

    @Test
    void rejectsDuplicatesAndNonPointers() {
        assertThrows(IllegalArgumentException.class, () -> SummaryFiles.paramColumnNames(List.of("/a", "/a")));
        assertThrows(IllegalArgumentException.class, () -> SummaryFiles.paramColumnNames(List.of("a/b")));
        assertEquals(List.of(), SummaryFiles.paramColumnNames(List.of()));
    }

    @Test
    void cellTextOfValues() throws IOException {
        ObjectMapper m = new ObjectMapper();
        assertEquals("40000 40099", ParamColumns.cell(m.readTree("\"40000 40099\"")));
        assertEquals("1", ParamColumns.cell(m.readTree("1")));
        assertEquals("0.002", ParamColumns.cell(m.readTree("0.002"))); // JDK 17 Double.toString says 0.0020
        assertEquals("true", ParamColumns.cell(m.readTree("true")));
        assertEquals("null", ParamColumns.cell(m.readTree("null")));
        assertEquals("{\"model\":\"bernoulli\",\"p\":0.01}", ParamColumns.cell(m.readTree("{ \"model\": \"bernoulli\", \"p\": 0.01 }")));
        assertEquals("[1,2]", ParamColumns.cell(m.readTree("[1, 2]")));
        assertNull(ParamColumns.cell(null));
    }
}
