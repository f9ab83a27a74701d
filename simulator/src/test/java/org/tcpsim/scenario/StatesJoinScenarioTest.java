package org.tcpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/** connections.csv's tcp_conn_id joins states.csv (host = client, conn_id = tcp_conn_id). */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class StatesJoinScenarioTest {
    @Test
    void everyConnectionFindsItsStateChanges(@TempDir Path tmp) {
        Path exp = Path.of("..", "experiments", "handshake-and-close.json");
        Cli.Result r = Cli.run("run", exp.toString(), "--out", tmp.toString(), "--trace", "states");
        assertEquals(0, r.status(), r.transcript());
        Path run = tmp.resolve("handshake-and-close/run-s1");
        CsvTable conns = CsvTable.read(run.resolve("connections.csv"));
        CsvTable states = CsvTable.read(run.resolve("states.csv"));
        assertEquals(2, conns.size());
        for (CsvTable.Row c : conns.rows()) {
            List<CsvTable.Row> mine = states.rowsWhere(s -> s.get("host").equals(c.get("client"))
                    && s.get("conn_id").equals(c.get("tcp_conn_id")));
            assertFalse(mine.isEmpty(), "states of " + c.get("conn_id"));
            assertEquals("SYN_SENT", mine.get(0).get("to"));
            assertEquals(c.number("t_start_s"), mine.get(0).number("t_s"), 1e-9, "its connect() is its first change");
            assertEquals("ESTABLISHED", mine.get(1).get("to"));
            assertEquals(c.number("t_established_s"), mine.get(1).number("t_s"), 1e-9);
        }
    }
}
