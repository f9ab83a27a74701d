package org.tcpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One run of an experiment through the {@code tcpsim run} command, and its files read the way a
 * user's script would: the summary row, connections.csv, timeseries by (host, metric), counters.
 * Tests using it must hold the SYSTEM_OUT / SYSTEM_ERR resource locks (see {@link Cli}).
 */
final class ExperimentRun {
    final Path dir;
    final CsvTable.Row summary;
    private CsvTable connections;
    private CsvTable timeseries;
    private CsvTable counters;

    private ExperimentRun(Path dir, CsvTable.Row summary) {
        this.dir = dir;
        this.summary = summary;
    }

    /** Runs {@code json} (its "name" must be {@code name}) with {@code --set} overrides, expecting success. */
    static ExperimentRun run(Path tmp, String name, String json, String... sets) {
        Path file = Cli.write(tmp, name + ".json", json);
        Path out = tmp.resolve("out");
        List<String> args = new ArrayList<>(List.of("run", file.toString(), "--out", out.toString()));
        for (String s : sets) {
            args.add("--set");
            args.add(s);
        }
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertEquals(0, r.status(), r.transcript());
        CsvTable summary = CsvTable.read(out.resolve(name).resolve("summary.csv"));
        assertEquals(1, summary.size(), "one run");
        CsvTable.Row row = summary.row(0);
        return new ExperimentRun(out.resolve(name).resolve(row.get("run_id")), row);
    }

    /**
     * Runs the shipped experiments/NAME.json into {@code out} with {@code --set} overrides (the
     * file's sweep is ignored, as `run` does), expecting success.
     */
    static ExperimentRun runShipped(Path out, String name, List<String> sets) {
        Path file = Path.of("..", "experiments", name + ".json");
        List<String> args = new ArrayList<>(List.of("run", file.toString(), "--out", out.toString()));
        for (String s : sets) {
            args.add("--set");
            args.add(s);
        }
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertEquals(0, r.status(), r.transcript());
        CsvTable summary = CsvTable.read(out.resolve(name).resolve("summary.csv"));
        assertEquals(1, summary.size(), "one run");
        CsvTable.Row row = summary.row(0);
        return new ExperimentRun(out.resolve(name).resolve(row.get("run_id")), row);
    }

    double metric(String name) {
        return summary.number(name);
    }

    long count(String name) {
        double v = summary.number(name);
        assertEquals(Math.rint(v), v, name + " is a count");
        return (long) v;
    }

    CsvTable connections() {
        if (connections == null) {
            connections = CsvTable.read(dir.resolve("connections.csv"));
        }
        return connections;
    }

    /** Outcome -> number of connections.csv rows with it. */
    Map<String, Long> outcomes() {
        Map<String, Long> n = new TreeMap<>();
        for (CsvTable.Row r : connections().rows()) {
            n.merge(r.get("outcome"), 1L, Long::sum);
        }
        return n;
    }

    /** Sample time (s) -> value of one timeseries, in time order. */
    Map<Double, Double> series(String host, String metric) {
        if (timeseries == null) {
            timeseries = CsvTable.read(dir.resolve("timeseries.csv"));
        }
        Map<Double, Double> s = new TreeMap<>();
        for (CsvTable.Row r : timeseries.rowsWhere(r -> r.get("host").equals(host) && r.get("metric").equals(metric))) {
            s.put(r.number("t_s"), r.number("value"));
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException("no timeseries " + host + " " + metric);
        }
        return s;
    }

    double max(String host, String metric) {
        return series(host, metric).values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    long counter(String host, String counter) {
        if (counters == null) {
            counters = CsvTable.read(dir.resolve("counters.csv"));
        }
        List<CsvTable.Row> rows = counters.rowsWhere(r -> r.get("host").equals(host) && r.get("counter").equals(counter));
        assertEquals(1, rows.size(), host + " " + counter);
        return rows.get(0).integer("value");
    }
}
