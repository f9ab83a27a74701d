package org.tcpsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report reads the README's fidelity table (packaged into the jar) and keeps the rows an experiment uses. */
class FidelityTest {
    @Test
    void thePackagedTableIsTheReadmesTable() throws Exception {
        List<Fidelity.Row> fromJar = Fidelity.rows();
        List<Fidelity.Row> fromReadme = Fidelity.parse(Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8));
        assertTrue(fromReadme.size() >= 20, "rows: " + fromReadme.size());
        assertEquals(fromReadme, fromJar, "the build copies README.md: rebuild after editing the table");
    }

    @Test
    void everyRuleNamesARowOfTheTable() {
        List<Fidelity.Row> rows = Fidelity.rows();
        for (String key : Fidelity.keys()) {
            assertTrue(rows.stream().anyMatch(r -> r.piece().startsWith(key)),
                    "no fidelity row starts with '" + key + "' (renamed? update Fidelity.APPLIES)");
        }
    }

    @Test
    void rowsFollowWhatTheExperimentUses() throws Exception {
        ObjectMapper m = new ObjectMapper();
        List<Fidelity.Row> rows = Fidelity.rows();
        List<Fidelity.Row> probe = Fidelity.caveatsFor(rows, Fidelity.uses(m.readTree(
                "{\"workloads\": [{\"type\": \"probe\"}], \"topology\": {\"nodes\": [], \"links\": []}}")));
        assertTrue(probe.stream().anyMatch(r -> r.piece().startsWith("Links")), "links always apply");
        assertFalse(probe.stream().anyMatch(r -> r.piece().startsWith("Receive window")), "no TCP, no TCP caveats");
        assertFalse(probe.stream().anyMatch(r -> r.piece().startsWith("NAT node")));
        List<Fidelity.Row> nat = Fidelity.caveatsFor(rows, Fidelity.uses(m.readTree(
                "{\"workloads\": [{\"type\": \"bulk\"}], \"topology\": {\"nodes\": [{\"kind\": \"nat\"}],"
                        + " \"links\": [{\"loss\": {\"model\": \"bernoulli\", \"p\": 0.01}}]}}")));
        assertTrue(nat.stream().anyMatch(r -> r.piece().startsWith("NAT node")));
        assertTrue(nat.stream().anyMatch(r -> r.piece().startsWith("Loss recovery")));
        assertTrue(nat.stream().anyMatch(r -> r.piece().startsWith("Receive window")));
        assertTrue(nat.stream().noneMatch(r -> r.status().equals("implemented")), "only rows with a caveat");
    }
}
