package org.tcpsim.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryFilesTest {
    private static final ObjectMapper M = new ObjectMapper();
    private static final String REUSE = "/hosts/client/sysctl/net.ipv4.tcp_tw_reuse";
    private static final String RATE = "/workloads/1/rate";
    @TempDir Path tmp;

    private static JsonNode json(String s) {
        try {
            return M.readTree(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RunRecord run(String id, int point, long seed, Object... metricPairs) {
        LinkedHashMap<String, Double> metrics = new LinkedHashMap<>();
        for (int i = 0; i < metricPairs.length; i += 2) metrics.put((String) metricPairs[i], (Double) metricPairs[i + 1]);
        return new RunRecord().setRunId(id).setPointIndex(point).setSeed(seed).setFingerprint("f").setMetrics(metrics);
    }

    private static void commit(Path out, RunRecord r) {
        try {
            RunDirectory d = RunDirectory.begin(out, r.getRunId());
            Files.writeString(d.file("connections.csv"), "conn_id\n");
            d.commit(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** 2x2 sweep over seeds 2, 10, 1 (numeric order differs from text order). */
    private static List<RunRecord> sweepRuns() {
        String[] reuse = {"0", "1"};
        String[] rate = {"\"1000/s\"", "\"2,000/s\""};
        List<RunRecord> runs = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            for (long seed : new long[] {2, 10, 1}) {
                RunRecord r = run("p" + p + "-s" + seed, p, seed,
                        "conn_ok", (double) (p * 100 + seed), "ratio", seed / 3.0);
                r.getParams().put(REUSE, json(reuse[p / 2]));
                r.getParams().put(RATE, json(rate[p % 2]));
                runs.add(r);
            }
        }
        return runs;
    }

    @Test
    void outputIsIndependentOfCompletionOrderAndThreads() throws IOException {
        List<RunRecord> runs = sweepRuns();
        List<RunRecord> a = new ArrayList<>(runs);
        List<RunRecord> b = new ArrayList<>(runs);
        Collections.shuffle(a, new Random(1));
        Collections.shuffle(b, new Random(2));
        Path outA = tmp.resolve("a");
        Path outB = tmp.resolve("b");
        a.forEach(r -> commit(outA, r));
        b.parallelStream().forEach(r -> commit(outB, r));
        SummaryFiles.rebuild(outA, List.of(REUSE, RATE));
        SummaryFiles.rebuild(outB, List.of(REUSE, RATE));

        for (String f : List.of(SummaryFiles.SUMMARY, SummaryFiles.AGGREGATE)) {
            assertArrayEquals(Files.readAllBytes(outA.resolve(f)), Files.readAllBytes(outB.resolve(f)), f);
        }
        List<String> lines = Files.readAllLines(outA.resolve(SummaryFiles.SUMMARY));
        assertEquals("run_id,seed,net.ipv4.tcp_tw_reuse,rate,conn_ok,ratio", lines.get(0));
        assertEquals("p0-s1,1,0,1000/s,1,0.333333333333", lines.get(1));
        assertEquals("p0-s2,2,0,1000/s,2,0.666666666667", lines.get(2));
        assertEquals("p0-s10,10,0,1000/s,10,3.33333333333", lines.get(3));
        assertEquals("p1-s1,1,0,\"2,000/s\",101,0.333333333333", lines.get(4));
        assertEquals("p3-s10,10,1,\"2,000/s\",310,3.33333333333", lines.get(12));
        assertEquals(13, lines.size());

        List<String> agg = Files.readAllLines(outA.resolve(SummaryFiles.AGGREGATE));
        assertEquals("net.ipv4.tcp_tw_reuse,rate,metric,n,mean,stddev,ci95_low,ci95_high", agg.get(0));
        assertTrue(agg.get(1).startsWith("0,1000/s,conn_ok,3,"), agg.get(1));
        assertTrue(agg.get(2).startsWith("0,1000/s,ratio,3,"), agg.get(2));
        assertTrue(agg.get(8).startsWith("1,\"2,000/s\",ratio,3,"), agg.get(8));
        assertEquals(9, agg.size());
    }

    @Test
    void aggregateMatchesTheStudentTFormula() throws IOException {
        Path out = tmp.resolve("agg");
        double[] m = {1, 2, 3, 4};
        Double[] k = {10.0, 12.0, Double.NaN, null};
        for (int s = 0; s < 4; s++) {
            RunRecord r = k[s] == null ? run("p0-s" + s, 0, s, "m", m[s]) : run("p0-s" + s, 0, s, "m", m[s], "k", k[s]);
            r.getParams().put(REUSE, json("0"));
            commit(out, r);
        }
        RunRecord single = run("p1-s0", 1, 0, "m", 5.0, "k", Double.NaN);
        single.getParams().put(REUSE, json("1"));
        commit(out, single);
        SummaryFiles.rebuild(out, List.of(REUSE));

        List<String[]> rows = Files.readAllLines(out.resolve(SummaryFiles.AGGREGATE)).stream()
                .map(l -> l.split(",", -1)).collect(Collectors.toList());
        assertEquals("net.ipv4.tcp_tw_reuse,metric,n,mean,stddev,ci95_low,ci95_high", String.join(",", rows.get(0)));
        assertEquals(5, rows.size());

        // {1,2,3,4}: mean 2.5, s = sqrt(5/3), half width = t(0.975, 3) * s / sqrt(4)
        double t3 = tQuantile975df3();
        double s4 = Math.sqrt(5.0 / 3.0);
        checkRow(rows.get(1), "0", "m", 4, 2.5, s4, 2.5 - t3 * s4 / 2, 2.5 + t3 * s4 / 2);
        // {10, 12} (NaN excluded, one run without k): s = sqrt(2), half width = t(0.975, 1) * sqrt(2) / sqrt(2)
        double t1 = Math.tan(Math.PI * 0.475); // Cauchy: t(0.975, 1) = tan(pi * (0.975 - 0.5))
        checkRow(rows.get(2), "0", "k", 2, 11, Math.sqrt(2), 11 - t1, 11 + t1);
        assertEquals("1,m,1,5,,,", String.join(",", rows.get(3)));
        assertEquals("1,k,0,,,,", String.join(",", rows.get(4)));
    }

    /**
     * t(0.975, 3) by bisection on the closed-form CDF for 3 degrees of freedom,
     * F(t) = 1/2 + (t / (sqrt3 (1 + t^2/3)) + atan(t / sqrt3)) / pi; about 3.18244630528371.
     */
    private static double tQuantile975df3() {
        double lo = 0;
        double hi = 10;
        for (int i = 0; i < 200; i++) {
            double mid = (lo + hi) / 2;
            double u = mid / Math.sqrt(3);
            double cdf = 0.5 + (u / (1 + u * u) + Math.atan(u)) / Math.PI;
            if (cdf < 0.975) lo = mid;
            else hi = mid;
        }
        assertEquals(3.18244630528371, lo, 1e-13);
        return lo;
    }

    private static void checkRow(String[] row, String param, String metric, int n, double mean, double sd,
                                 double low, double high) {
        assertEquals(param, row[0]);
        assertEquals(metric, row[1]);
        assertEquals(String.valueOf(n), row[2]);
        assertEquals(CsvWriter.formatReal(mean), row[3]);
        double[] expected = {sd, low, high};
        for (int i = 0; i < 3; i++) {
            double got = Double.parseDouble(row[4 + i]);
            assertEquals(expected[i], got, 1e-10 * Math.abs(expected[i]), "column " + (4 + i));
        }
    }

    @Test
    void metricColumnsAreTheUnionFirstRunOrderThenSorted() throws IOException {
        Path out = tmp.resolve("union");
        commit(out, run("r1", -1, 1, "b", 1.0, "a", 2.0));
        commit(out, run("r2", -1, 2, "a", 3.0, "z", 4.0, "c", 5.0));
        commit(out, run("r3", -1, 3, "y", 6.0, "a", Double.NaN));
        SummaryFiles.rebuild(out, List.of());
        assertEquals(List.of("run_id,seed,b,a,c,y,z", "r1,1,1,2,,,", "r2,2,,3,5,,4", "r3,3,,,,6,"),
                Files.readAllLines(out.resolve(SummaryFiles.SUMMARY)));
        List<String> agg = Files.readAllLines(out.resolve(SummaryFiles.AGGREGATE)); // several seeds
        assertEquals("metric,n,mean,stddev,ci95_low,ci95_high", agg.get(0));
        assertEquals("b,1,1,,,", agg.get(1));
        assertTrue(agg.get(2).startsWith("a,2,2.5,0.707106781187,"), agg.get(2));
        assertEquals(6, agg.size());
    }

    @Test
    void ignoresPartialAndForeignEntries() throws IOException {
        Path out = tmp.resolve("mixed");
        commit(out, run("r1", -1, 1, "m", 1.0));
        RunDirectory crashed = RunDirectory.begin(out, "r2");
        run("r2", -1, 2, "m", 2.0).write(crashed.file(RunRecord.FILE_NAME)); // never committed
        Files.createDirectories(out.resolve("no-run-json"));
        Files.writeString(out.resolve("notes.txt"), "hello");
        Files.createDirectories(out.resolve(".hidden"));
        run("h", -1, 3, "m", 3.0).write(out.resolve(".hidden/run.json"));
        Files.writeString(out.resolve(SummaryFiles.AGGREGATE), "stale");

        SummaryFiles.rebuild(out, List.of());
        assertEquals(List.of("run_id,seed,m", "r1,1,1"), Files.readAllLines(out.resolve(SummaryFiles.SUMMARY)));
        assertFalse(Files.exists(out.resolve(SummaryFiles.AGGREGATE)), "one seed, nothing swept: no aggregate");
        try (Stream<Path> s = Files.list(out)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "temporary files left");
        }
    }

    @Test
    void paramValuesArePlainOrCompactJsonAndObjectsAlsoGiveOneColumnPerLeaf() throws IOException {
        Path out = tmp.resolve("values");
        String loss = "/links/0/loss";
        RunRecord r = run("p0-s1", 0, 1, "m", 1.0);
        r.getParams().put(REUSE, json("0.002"));
        r.getParams().put(loss, json("{ \"model\": \"bernoulli\", \"p\": 0.5 }"));
        commit(out, r);
        RunRecord missing = run("p1-s1", 1, 1, "m", 2.0);
        missing.getParams().put(REUSE, json("\"text\""));
        commit(out, missing);
        SummaryFiles.rebuild(out, List.of(REUSE, loss));
        assertEquals(List.of("run_id,seed,net.ipv4.tcp_tw_reuse,loss,loss.model,loss.p,m",
                        "p0-s1,1,0.002,\"{\"\"model\"\":\"\"bernoulli\"\",\"\"p\"\":0.5}\",bernoulli,0.5,1",
                        "p1-s1,1,text,,,,2"),
                Files.readAllLines(out.resolve(SummaryFiles.SUMMARY)));
    }

    @Test
    void emptyExperimentGivesHeaderOnly() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("empty"));
        SummaryFiles.rebuild(out, List.of(REUSE));
        assertEquals("run_id,seed,net.ipv4.tcp_tw_reuse\n", Files.readString(out.resolve(SummaryFiles.SUMMARY)));
        assertEquals("net.ipv4.tcp_tw_reuse,metric,n,mean,stddev,ci95_low,ci95_high\n",
                Files.readString(out.resolve(SummaryFiles.AGGREGATE)));
    }
}
