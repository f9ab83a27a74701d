package org.tcpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * What the suite's own fuzz tests found (MutationFuzzTest, CommandLineFuzzTest, scripts/fuzz), one minimal
 * input each (files in src/test/resources/fuzz-findings/M*.json), held to the promises the fuzzers check.
 */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class FuzzTestFindingsTest {
    /**
     * M01 (mutant 310 of queue-overload.json, a description transplanted into "topology"): a topology path
     * of 2000 characters. The nested problem's line was cut in its middle as a whole, leaving out its
     * ": at /: " (FILE: ... characters left out ...: File name too long); each part is cut on its own now.
     */
    @Test
    void aTopologyPathOf2000CharactersKeepsEveryLineLocated() {
        Path file = FuzzFindingsTest.finding("M01-validate-unlocated-line-topology-path-2000-characters.json");
        Cli.Result r = Cli.run("validate", file.toString());
        assertEquals(2, r.status(), r.transcript());
        List<FuzzChecks.Finding> findings = new ArrayList<>();
        FuzzChecks.check(r, Set.of(2), true, null, Set.of(), "validate M01", findings);
        assertTrue(findings.isEmpty(), findings.toString());
        assertTrue(r.err().lines().anyMatch(l -> l.startsWith(file + ":") && l.contains(": at /topology: cannot use "
                + "topology file \"xxx")), r.transcript());
        assertTrue(r.err().lines().anyMatch(l -> l.matches(".*characters left out\\) \\.\\.\\. x+\\.json: at /: "
                + "cannot read the file: .*File name too long")), r.transcript());
    }

    /** CommandLineFuzzTest, command 1212 of the campaign: `validate //` threw a NullPointerException. */
    @Test
    void validateOfTheRootDirectoryIsRefusedWithoutAStackTrace(@TempDir Path tmp) {
        for (String path : new String[] {"/", "//"}) {
            Cli.Result r = Cli.run("validate", path);
            assertEquals(2, r.status(), r.transcript());
            assertTrue(r.err().contains("this is a directory, not a JSON file"), r.transcript());
            List<FuzzChecks.Finding> findings = new ArrayList<>();
            FuzzChecks.check(r, Set.of(2), false, null, Set.of(), "validate " + path, findings);
            assertTrue(findings.isEmpty(), findings.toString());
        }
        Cli.Result run = Cli.run("run", "/", "--out", tmp.resolve("out").toString());
        assertEquals(2, run.status(), run.transcript());
        assertTrue(!Files.exists(tmp.resolve("out")), "nothing written");
    }
}
