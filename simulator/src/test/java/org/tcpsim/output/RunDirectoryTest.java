package org.tcpsim.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {
    @TempDir Path out;

    private static RunRecord record(String id) {
        return new RunRecord().setRunId(id).setSeed(1).setFingerprint("f");
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> s = Files.list(out)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void invisibleUntilCommitted() throws IOException {
        RunDirectory d = RunDirectory.begin(out, "p0-s1");
        Files.writeString(d.file("connections.csv"), "conn_id\n");
        assertEquals(List.of(".p0-s1.partial"), listing());
        assertFalse(RunDirectory.isComplete(out, "p0-s1"));

        d.commit(record("p0-s1"));
        assertEquals(List.of("p0-s1"), listing());
        assertTrue(RunDirectory.isComplete(out, "p0-s1"));
        assertEquals("conn_id\n", Files.readString(out.resolve("p0-s1/connections.csv")));
        assertEquals("p0-s1", RunRecord.read(out.resolve("p0-s1/run.json")).getRunId());
    }

    @Test
    void commitWithoutRunJsonIsRefused() throws IOException {
        RunDirectory d = RunDirectory.begin(out, "r");
        Files.writeString(d.file("a.csv"), "x\n");
        assertThrows(IllegalStateException.class, d::commit);
        assertFalse(Files.exists(out.resolve("r")));
        record("r").write(d.file(RunRecord.FILE_NAME));
        d.commit();
        assertTrue(RunDirectory.isComplete(out, "r"));
    }

    @Test
    void abortIsIdempotentAndHarmlessAfterCommit() throws IOException {
        RunDirectory d = RunDirectory.begin(out, "r");
        Files.writeString(d.file("sub/dir/f.pcap"), "data");
        d.abort();
        d.abort();
        assertEquals(List.of(), listing());
        assertThrows(IllegalStateException.class, () -> d.file("x"));
        assertThrows(IllegalStateException.class, d::commit);

        RunDirectory c = RunDirectory.begin(out, "r");
        c.commit(record("r"));
        c.abort();
        assertTrue(RunDirectory.isComplete(out, "r"));
    }

    @Test
    void closeWithoutCommitAborts() throws IOException {
        try (RunDirectory d = RunDirectory.begin(out, "r")) {
            Files.writeString(d.file("a.csv"), "x\n");
        }
        assertEquals(List.of(), listing());
    }

    @Test
    void crashLeftoversAreCleanedByTheNextBegin() throws IOException {
        Files.createDirectories(out.resolve(".r.partial/deep"));
        Files.writeString(out.resolve(".r.partial/deep/stale.csv"), "stale");
        Files.createDirectories(out.resolve(".r.old"));
        Files.writeString(out.resolve(".r.old/run.json"), "{}");
        RunDirectory d = RunDirectory.begin(out, "r");
        assertEquals(List.of(".r.partial"), listing());
        try (Stream<Path> s = Files.list(out.resolve(".r.partial"))) {
            assertEquals(0, s.count());
        }
        d.commit(record("r"));
        assertEquals(List.of("r"), listing());
    }

    @Test
    void replacesAnOlderResultCompletely() throws IOException {
        RunDirectory first = RunDirectory.begin(out, "r");
        Files.writeString(first.file("a.csv"), "old\n");
        Files.writeString(first.file("only-old.csv"), "old\n");
        first.commit(record("r").setFingerprint("old"));

        RunDirectory second = RunDirectory.begin(out, "r");
        assertTrue(RunDirectory.isComplete(out, "r")); // old result stays visible meanwhile
        Files.writeString(second.file("a.csv"), "new\n");
        second.commit(record("r").setFingerprint("new"));

        assertEquals(List.of("r"), listing());
        assertEquals("new\n", Files.readString(out.resolve("r/a.csv")));
        assertFalse(Files.exists(out.resolve("r/only-old.csv")));
        assertEquals("new", RunRecord.read(out.resolve("r/run.json")).getFingerprint());
    }

    @Test
    void isCompleteNeedsRunJson() throws IOException {
        Files.createDirectories(out.resolve("half"));
        assertFalse(RunDirectory.isComplete(out, "half"));
        assertFalse(RunDirectory.isComplete(out, "missing"));
    }

    @Test
    void rejectsBadIdsAndEscapingNames() throws IOException {
        for (String bad : new String[] {"", ".hidden", "a/b", "..", "a\\b"}) {
            assertThrows(IllegalArgumentException.class, () -> RunDirectory.begin(out, bad), bad);
        }
        RunDirectory d = RunDirectory.begin(out, "r");
        assertThrows(IllegalArgumentException.class, () -> d.file("../escape.csv"));
        assertThrows(IllegalArgumentException.class, () -> d.file("/etc/passwd"));
        assertThrows(IllegalArgumentException.class, () -> d.file("."));
        d.abort();
    }
}
