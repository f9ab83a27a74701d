package org.tcpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * `tcpsim report`: one self-contained page (no script, nothing fetched), the same bytes for the
 * same results, with every part the issue asks for; rendered in a real headless Chromium (Debian's
 * `chromium`, installed by scripts/chromium when missing) whose DOM has the parts and whose
 * screenshot is not blank.
 */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class ReportScenarioTest {
    private static final String EXPERIMENT = """
            {
              "name": "report-me",
              "description": "How many connections does a small accept queue turn away?",
              "duration": "3s",
              "seeds": [1, 2],
              "topology": {
                "nodes": [
                  {"name": "client", "kind": "host", "address": "10.0.0.1"},
                  {"name": "server", "kind": "host", "address": "10.0.0.2"}
                ],
                "links": [{"a": "client", "b": "server", "rate": "100Mbps", "delay": "1ms"}]
              },
              "workloads": [
                {"type": "server", "host": "server", "port": 80, "backlog": 4, "accept_rate": "50/s"},
                {"type": "connect-storm", "from": "client", "to": "10.0.0.2:80", "rate": "100/s", "stop": "1s",
                 "arrival": "poisson"}
              ],
              "sweep": {"/workloads/0/backlog": [4, 16, 64]},
              "summary_counters": ["server:TcpExtListenOverflows"],
              "chart": {"x": "backlog", "y": ["server:TcpExtListenOverflows"], "y_from_zero": true}
            }
            """;

    @TempDir
    static Path tmp;
    static Path results;
    static Path report;

    @BeforeAll
    static void sweepAndReport() {
        Path exp = Cli.write(tmp, "report-me.json", EXPERIMENT);
        Cli.Result sweep = Cli.run("sweep", exp.toString(), "--out", tmp.resolve("out").toString());
        assertEquals(0, sweep.status(), sweep.transcript());
        results = tmp.resolve("out/report-me");
        Cli.Result r = Cli.run("report", results.toString());
        assertEquals(0, r.status(), r.transcript());
        report = results.resolve("report.html");
    }

    @Test
    void thePageHoldsEveryPartAndNeedsNothingFromOutside() throws IOException {
        String html = Files.readString(report, StandardCharsets.UTF_8);
        assertTrue(html.contains("How many connections does a small accept queue turn away?"), "the question");
        assertTrue(html.contains("&quot;summary_counters&quot;"), "the experiment file");
        assertEquals(1, count(html, "<svg "), "the chart, inline");
        assertTrue(html.contains("Error bars: 95 % confidence intervals"), "intervals said");
        assertTrue(html.contains("<table class=\"summary\">") && html.contains("<table class=\"aggregate\">"));
        assertTrue(html.contains("TcpExtListenOverflows") && html.contains("<h3>server ("), "counters per host");
        assertTrue(html.contains("id=\"not-covered\"") && html.contains("<dt>Listen queues"), "fidelity rows");
        for (String run : List.of("p0-s1", "p2-s2")) {
            assertTrue(html.contains("href=\"" + run + "/connections.csv\""), "links to every CSV: " + run);
            assertTrue(Files.exists(results.resolve(run).resolve("connections.csv")));
        }
        assertFalse(html.contains("<script"), "no script");
        Matcher external = Pattern.compile("(src|href)=\"(https?:|//)").matcher(html);
        assertFalse(external.find(), "nothing fetched from the network");
    }

    @Test
    void theSameResultsGiveTheSameBytes() throws IOException {
        Path again = tmp.resolve("again.html");
        Cli.Result r = Cli.run("report", results.toString(), "-o", results.resolve("again.html").toString());
        assertEquals(0, r.status(), r.transcript());
        assertEquals(Files.readString(report), Files.readString(results.resolve("again.html")));
        assertFalse(Files.exists(again));
    }

    @Test
    void chromiumRendersIt() throws Exception {
        String chromium = chromium();
        Path profile = Files.createTempDirectory(tmp, "chromium-profile");
        String url = report.toUri().toString();
        String dom = run(List.of(chromium, "--dump-dom", url), profile);
        assertTrue(dom.contains("<h1>report-me</h1>"), dom.substring(0, Math.min(300, dom.length())));
        assertEquals(1, count(dom, "<svg "), "the rendered DOM has the chart");
        assertTrue(dom.contains("id=\"not-covered\"") && dom.contains("TcpExtListenOverflows"));
        Path shot = tmp.resolve("report.png");
        run(List.of(chromium, "--window-size=1200,1600", "--screenshot=" + shot, url),
                Files.createTempDirectory(tmp, "chromium-profile"));
        BufferedImage png = ImageIO.read(shot.toFile());
        assertEquals(1200, png.getWidth());
        int ink = 0;
        Set<Integer> colours = new HashSet<>();
        for (int x = 0; x < png.getWidth(); x += 2) {
            for (int y = 0; y < png.getHeight(); y += 2) {
                int rgb = png.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                ink += rgb == 0xffffff ? 0 : 1;
            }
        }
        int samples = (png.getWidth() / 2) * (png.getHeight() / 2);
        assertTrue(ink > samples / 50, "more than 2 % of the screenshot is not white: " + ink + " of " + samples);
        assertTrue(colours.size() > 20, "text, chart colours and table lines: " + colours.size() + " colours");
    }

    /** scripts/chromium: the browser's path, installing Debian's package when it is missing. */
    private static String chromium() throws Exception {
        Process p = new ProcessBuilder("bash", Path.of("..", "scripts", "chromium").toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        assertTrue(p.waitFor(15, TimeUnit.MINUTES), "scripts/chromium did not finish");
        String path = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.exitValue(), "scripts/chromium failed: " + path);
        return path;
    }

    /** Headless Chromium as root in CI: no sandbox, no GPU, nothing fetched, a fresh profile. */
    private static String run(List<String> args, Path profile) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(args.get(0), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile));
        cmd.addAll(args.subList(1, args.size()));
        Path log = Files.createTempFile(tmp, "chromium", ".log");
        Path out = Files.createTempFile(tmp, "chromium", ".out");
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).redirectOutput(out.toFile()).start();
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 3 minutes: " + Files.readString(log));
        }
        assertEquals(0, p.exitValue(), "chromium failed: " + Files.readString(log));
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
