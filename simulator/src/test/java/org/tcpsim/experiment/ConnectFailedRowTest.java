package org.tcpsim.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tcpsim.app.ConnectionRecord;
import org.tcpsim.app.ConnectionSink;
import org.tcpsim.output.RunDirectory;

/** connections.csv: a connect() that failed at once is written straight, as the record of it would be. */
class ConnectFailedRowTest {
    @TempDir Path dir;

    @Test
    void a_failed_connect_row_is_the_row_of_its_record() throws IOException {
        String direct = rows("direct", (sink, c, n) -> sink.connectFailed(c[0], n[0], c[1], c[2], n[1], n[2], c[3]));
        String viaRecord = rows("record", (sink, c, n) -> sink.connection(new ConnectionRecord(c[0] + "." + n[0],
                c[1], c[2], 0, n[1], -1, n[2], c[3], 0, 0, 0, 0)));
        assertEquals(viaRecord, direct);
        assertEquals("storm.153535,client,server,0,33.332666667,,33.332666667,EADDRNOTAVAIL,0,0,0,0,",
                direct.lines().skip(2).findFirst().orElseThrow());
    }

    @FunctionalInterface
    private interface Row {
        void write(ConnectionSink sink, String[] c, long[] n);
    }

    private String rows(String runId, Row row) throws IOException {
        String[][] cases = {{"storm", "client", "server", "EADDRNOTAVAIL"}, {"a,b", "c\"1", "s", "EMFILE"}};
        long[][] numbers = {{0, 0, 0}, {153_535, 33_332_666_667L, 33_332_666_667L}, {7, 1, 2_000_000_001L}};
        try (RunDirectory d = RunDirectory.begin(dir, runId)) {
            Path file;
            try (RunOutputs out = new RunOutputs(d, RunOptions.DEFAULT, Map.of())) {
                for (String[] c : cases) {
                    for (long[] n : numbers) {
                        row.write(out, c, n);
                    }
                }
                file = d.file("connections.csv");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        }
    }
}
