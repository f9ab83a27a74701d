package org.tcpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/** `tcpsim plot` draws the experiment's chart from a sweep, options override it, and bad requests exit 2. */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class PlotCommandTest {
    private static final String EXPERIMENT = """
            {
              "name": "plot-me",
              "duration": "2s",
              "seeds": [1, 2],
              "topology": {
                "nodes": [
                  {"name": "a", "kind": "host", "address": "10.0.0.1"},
                  {"name": "b", "kind": "host", "address": "10.0.0.2"}
                ],
                "links": [{"a": "a", "b": "b", "rate": "10Mbps", "delay": "1ms", "loss": {"model": "bernoulli", "p": 0.0}}]
              },
              "workloads": [{"type": "probe", "from": "a", "to": "10.0.0.2:9000", "rate": "500/s"}],
              "sweep": {"/topology/links/0/loss/p": [0.0, 0.05, 0.2]},
              "chart": {"x": "p", "y": ["probe.loss_rate"], "title": "Loss measured against configured"}
            }
            """;

    private static Path sweep(Path tmp, String json) {
        Path file = Cli.write(tmp, "plot-me.json", json);
        Cli.Result r = Cli.run("sweep", file.toString(), "--out", tmp.resolve("out").toString());
        assertEquals(0, r.status(), r.transcript());
        return tmp.resolve("out").resolve("plot-me");
    }

    @Test
    void theExperimentsChartBecomesAPngAndAnSvgNamingItsSeries(@TempDir Path tmp) throws IOException {
        Path dir = sweep(tmp, EXPERIMENT);
        Cli.Result r = Cli.run("plot", dir.toString(), "--svg");
        assertEquals(0, r.status(), r.transcript());
        BufferedImage png = ImageIO.read(dir.resolve("chart.png").toFile());
        assertEquals(900, png.getWidth());
        assertEquals(540, png.getHeight());
        String svg = Files.readString(dir.resolve("chart.svg"), StandardCharsets.UTF_8);
        assertTrue(svg.contains("<svg"), "an SVG document");
        assertTrue(r.out().contains("chart.png") && r.out().contains("chart.svg"), r.transcript());
    }

    @Test
    void optionsReplaceTheChartAndATimeseriesComesFromOneRun(@TempDir Path tmp) throws IOException {
        Path dir = sweep(tmp, EXPERIMENT);
        Path run;
        try (var s = Files.list(dir)) {
            run = s.filter(p -> Files.exists(p.resolve("run.json"))).sorted().findFirst().orElseThrow();
        }
        Path out = tmp.resolve("charts").resolve("queue");
        Cli.Result r = Cli.run("plot", run.toString(), "--source", "timeseries",
                "--y", "qdisc.backlog_packets:a->b", "-o", out + ".png");
        assertEquals(0, r.status(), r.transcript());
        assertTrue(Files.size(Path.of(out + ".png")) > 1000, "a drawn chart");
    }

    @Test
    void anUnknownColumnIsBadInputNamingTheColumnsThereAre(@TempDir Path tmp) {
        Path dir = sweep(tmp, EXPERIMENT);
        Cli.Result r = Cli.run("plot", dir.toString(), "--y", "probe.lost_rate");
        assertEquals(2, r.status(), r.transcript());
        assertTrue(r.err().contains("probe.lost_rate") && r.err().contains("probe.loss_rate"), r.transcript());
        assertFalse(Files.exists(dir.resolve("chart.png")), "no chart written");
    }

    @Test
    void aRunWithoutAChartNeedsY(@TempDir Path tmp) {
        Path dir = sweep(tmp, EXPERIMENT.replaceAll(",\\s*\"chart\": \\{[^}]*\\}", ""));
        Cli.Result r = Cli.run("plot", dir.toString());
        assertEquals(2, r.status(), r.transcript());
        assertTrue(r.err().contains("--y"), r.transcript());
    }

    @Test
    void aTheoryReferenceIsDrawnBesideTheMeasurements(@TempDir Path tmp) throws IOException {
        Path plain = sweep(tmp.resolve("plain"), EXPERIMENT);
        Path withTheory = sweep(tmp.resolve("theory"), EXPERIMENT.replace("\"title\"",
                "\"reference\": [{\"label\": \"configured\", \"x\": [0, 0.05, 0.2], \"y\": [0, 0.05, 0.2]}], \"title\""));
        assertEquals(0, Cli.run("plot", plain.toString()).status());
        Cli.Result r = Cli.run("plot", withTheory.toString());
        assertEquals(0, r.status(), r.transcript());
        BufferedImage a = ImageIO.read(plain.resolve("chart.png").toFile());
        BufferedImage b = ImageIO.read(withTheory.resolve("chart.png").toFile());
        int differing = 0;
        for (int x = 0; x < a.getWidth(); x++) {
            for (int y = 0; y < a.getHeight(); y++) {
                differing += a.getRGB(x, y) != b.getRGB(x, y) ? 1 : 0;
            }
        }
        assertTrue(differing > 500, "the reference line and its legend entry change the picture: " + differing + " pixels");
    }

    @Test
    void aReferenceWithMoreXThanYIsBadInput(@TempDir Path tmp) {
        Path file = Cli.write(tmp, "plot-me.json", EXPERIMENT.replace("\"title\"",
                "\"reference\": [{\"label\": \"configured\", \"x\": [0, 0.05, 0.2], \"y\": [0, 0.05]}], \"title\""));
        Cli.Result r = Cli.run("validate", file.toString());
        assertEquals(2, r.status(), r.transcript());
        assertTrue(r.err().contains("/chart/reference/0/y") && r.err().contains("as many y values"), r.transcript());
    }

    @Test
    void aBadChartInTheExperimentFileIsReportedWithItsPointer(@TempDir Path tmp) {
        Path file = Cli.write(tmp, "plot-me.json", EXPERIMENT.replace("\"title\"", "\"kind\": \"pie\", \"title\""));
        Cli.Result r = Cli.run("validate", file.toString());
        assertEquals(2, r.status(), r.transcript());
        assertTrue(r.err().contains("/chart/kind") && r.err().contains("bar"), r.transcript());
    }
}
