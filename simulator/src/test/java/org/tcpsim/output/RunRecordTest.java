package org.tcpsim.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunRecordTest {
    private static final ObjectMapper M = new ObjectMapper();
    @TempDir Path dir;

    static RunRecord sample() throws IOException {
        LinkedHashMap<String, JsonNode> params = new LinkedHashMap<>();
        params.put("/hosts/client/sysctl/net.ipv4.tcp_tw_reuse", M.readTree("1"));
        params.put("/hosts/client/sysctl/net.ipv4.ip_local_port_range", M.readTree("\"40000 40099\""));
        params.put("/links/0/loss", M.readTree("{\"model\":\"bernoulli\",\"p\":0.01}"));
        LinkedHashMap<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("conn_ok", 1234.0);
        metrics.put("p99_connect_s", 0.1 + 0.2);
        metrics.put("undefined", Double.NaN);
        metrics.put("up", Double.POSITIVE_INFINITY);
        metrics.put("down", Double.NEGATIVE_INFINITY);
        metrics.put("tiny", 4.9e-324);
        return new RunRecord().setRunId("p3-s7").setPointIndex(3).setSeed(-7).setFingerprint("sha256:ab")
                .setParams(params).setMetrics(metrics).setToolVersion("0.1.0").setStartedAt("2025-01-02T03:04:05Z")
                .setWallTimeSeconds(12.5).setSimulatedSeconds(70).setEventsExecuted(Long.MAX_VALUE)
                .setPeakHeapBytes(1L << 33).setExperiment(M.readTree("{\"name\":\"x\",\"seeds\":[1,2]}"));
    }

    @Test
    void roundTripKeepsEverythingIncludingNaN() throws IOException {
        RunRecord r = sample();
        Path f = dir.resolve("run.json");
        r.write(f);
        RunRecord back = RunRecord.read(f);
        assertEquals(r, back);
        assertTrue(back.getMetrics().get("undefined").isNaN());
        assertEquals(List.of("conn_ok", "p99_connect_s", "undefined", "up", "down", "tiny"),
                new ArrayList<>(back.getMetrics().keySet()));
        assertEquals(List.of("/hosts/client/sysctl/net.ipv4.tcp_tw_reuse",
                "/hosts/client/sysctl/net.ipv4.ip_local_port_range", "/links/0/loss"),
                new ArrayList<>(back.getParams().keySet()));
    }

    @Test
    void writesStableStrictJson() throws IOException {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        sample().write(a);
        sample().write(b);
        String text = Files.readString(a);
        assertEquals(text, Files.readString(b));
        assertTrue(text.startsWith("{\n  \"runId\": \"p3-s7\",\n  \"pointIndex\": 3,\n"), text);
        assertTrue(text.endsWith("}\n"));
        assertFalse(text.contains("\r"));
        assertTrue(text.contains("\"undefined\": null"));
        assertTrue(text.contains("\"up\": \"inf\""));
        assertFalse(text.contains("NaN"));
        JsonNode tree = M.readTree(text); // strict parser: no NaN tokens
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = tree.fieldNames(); it.hasNext(); ) keys.add(it.next());
        assertEquals(List.of("runId", "pointIndex", "seed", "fingerprint", "params", "overrides", "metrics", "toolVersion",
                "startedAt", "wallTimeSeconds", "simulatedSeconds", "eventsExecuted", "peakHeapBytes",
                "experiment"), keys);
    }

    @Test
    void readingToleratesUnknownAndMissingFields() throws IOException {
        Path f = dir.resolve("run.json");
        Files.writeString(f, "{\"runId\":\"r\",\"seed\":5,\"future\":{\"x\":1},\"metrics\":{\"m\":2}}");
        RunRecord r = RunRecord.read(f);
        assertEquals("r", r.getRunId());
        assertEquals(5, r.getSeed());
        assertEquals(-1, r.getPointIndex());
        assertEquals(2.0, r.getMetrics().get("m"));
        assertTrue(r.getParams().isEmpty());
        assertNull(r.getExperiment());
        assertTrue(Double.isNaN(r.getWallTimeSeconds()));
    }

    @Test
    void unreadableFileNamesThePath() throws IOException {
        Path f = dir.resolve("run.json");
        Files.writeString(f, "{\"runId\":");
        IOException e = assertThrows(IOException.class, () -> RunRecord.read(f));
        assertTrue(e.getMessage().contains(f.toString()));
        Files.writeString(f, "[1]");
        assertThrows(IOException.class, () -> RunRecord.read(f));
    }
}
