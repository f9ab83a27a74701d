package org.tcpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * connect-storm against a server workload on two hosts joined by one 1 Gbps link with 1 ms of
 * delay each way: how many attempts, their outcomes, who holds TIME_WAIT, and what a server out
 * of descriptors does to them.
 */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class ConnectStormScenarioTest {
    /** One-way delay. */
    private static final double DELAY_S = 0.001;
    /** A 6.18 SYN or SYN-ACK: 20 B IP + 20 B TCP + MSS 4 + SACK_PERM/TS 12 + WSCALE 4 = 60 B, 480 ns at 1 Gbps. */
    private static final double SYN_SERIALIZATION_S = 60 * 8 / 1e9;

    /** Hosts (JSON members of "hosts"), then the server's extra fields, then the storm's. */
    private static String experiment(String hosts, String server, String storm) {
        return """
                {
                  "name": "storm",
                  "duration": "%DURATION%",
                  "seeds": [1],
                  "topology": {
                    "nodes": [
                      {"name": "client", "kind": "host", "address": "10.0.0.1"},
                      {"name": "server", "kind": "host", "address": "10.0.0.2"}
                    ],
                    "links": [{"a": "client", "b": "server", "rate": "1Gbps", "delay": "1ms"}]
                  },
                  "hosts": {%HOSTS%},
                  "workloads": [
                    {"type": "server", "host": "server", "port": 80, "request_bytes": 100, "response_bytes": 100%SERVER%},
                    {"type": "connect-storm", "from": "client", "to": "10.0.0.2:80", "request_bytes": 100,
                     "response_bytes": 100%STORM%}
                  ]
                }
                """.replace("%HOSTS%", hosts).replace("%SERVER%", server).replace("%STORM%", storm);
    }

    private static String experiment(String duration, String hosts, String server, String storm) {
        return experiment(hosts, server, storm).replace("%DURATION%", duration);
    }

    @Test
    void fixedRateStormOnACleanNetworkMakesExactlyRateTimesWindowAttemptsAllOk(@TempDir Path tmp) {
        // 200/s from 0 s to 4 s: arrivals at i / 200 s for i = 0..799; the run lasts 5 s so every one finishes.
        ExperimentRun run = ExperimentRun.run(tmp, "storm",
                experiment("5s", "", "", ", \"rate\": \"200/s\", \"arrival\": \"fixed\", \"stop\": \"4s\""));
        assertEquals(800, run.count("connect-storm.attempted"));
        assertEquals(800, run.count("connect-storm.ok"));
        assertEquals(0, run.count("connect-storm.failed"));
        assertEquals(0, run.count("connect-storm.open"));
        assertEquals(Map.of("ok", 800L), run.outcomes(), "one connections.csv row per attempt");
        assertEquals(800, run.count("server.accepted"));
        assertEquals(800, run.count("server.responses"));

        // SYN out, SYN-ACK back: two propagation delays and two 60-byte serialisations, the same for all
        double handshake = 2 * DELAY_S + 2 * SYN_SERIALIZATION_S;
        assertEquals(handshake, run.metric("connect-storm.connect_latency_mean_s"), 1e-12);
        assertEquals(handshake, run.metric("connect-storm.connect_latency_p50_s"), 1e-12);
        assertEquals(handshake, run.metric("connect-storm.connect_latency_p99_s"), 1e-12);
        for (CsvTable.Row r : run.connections().rows()) {
            assertEquals(handshake, r.number("t_established_s") - r.number("t_start_s"), 1e-9, r.toString());
        }
        // each second completes the 200 connections that started in it (each takes 4 ms)
        Map<Double, Double> completed = run.series("client", "connect-storm.completed_per_s");
        for (double t = 1; t <= 4; t++) {
            assertEquals(200.0, completed.get(t), "completed per second at t=" + t);
            assertEquals(0.0, run.series("client", "connect-storm.failed_per_s").get(t));
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void poissonStormAttemptsMatchTheRateAndRepeatForTheSameSeed(long seed, @TempDir Path tmp) throws Exception {
        String json = experiment("5s", "", "", ", \"rate\": \"200/s\", \"arrival\": \"poisson\", \"stop\": \"4s\"")
                .replace("\"seeds\": [1]", "\"seeds\": [" + seed + "]");
        ExperimentRun a = ExperimentRun.run(tmp.resolve("a"), "storm", json);
        ExperimentRun b = ExperimentRun.run(tmp.resolve("b"), "storm", json);
        long n = a.count("connect-storm.attempted");
        // Poisson count over 4 s at 200/s: mean 800, standard deviation sqrt(800) ~ 28
        assertTrue(Math.abs(n - 800) < 4 * Math.sqrt(800), "seed " + seed + ": " + n + " attempts");
        assertEquals(n, a.count("connect-storm.ok"), "seed " + seed);
        assertEquals(Files.readString(a.dir.resolve("connections.csv")), Files.readString(b.dir.resolve("connections.csv")),
                "seed " + seed + ": same seed, same connections");
    }

    @Test
    void theSideThatClosesFirstHoldsTimeWait(@TempDir Path tmp) {
        // 500 connections in the first 5 s; at t = 6 s every one has closed and none of the 60 s TIME_WAITs has ended.
        String storm = ", \"rate\": \"100/s\", \"stop\": \"5s\"";
        ExperimentRun clientCloses = ExperimentRun.run(tmp.resolve("client"), "storm",
                experiment("7s", "", ", \"close\": \"on_eof\"", storm + ", \"closer\": \"client\""));
        ExperimentRun serverCloses = ExperimentRun.run(tmp.resolve("server"), "storm",
                experiment("7s", "", ", \"close\": \"after_response\"", storm + ", \"closer\": \"server\""));

        assertEquals(500, clientCloses.count("connect-storm.ok"));
        assertEquals(500.0, clientCloses.series("client", "tcp.state.TIME_WAIT").get(6.0), "client closed first");
        assertEquals(0.0, clientCloses.series("server", "tcp.state.TIME_WAIT").get(6.0));

        assertEquals(500, serverCloses.count("connect-storm.ok"));
        // needs connect() to move on to a new port for each connection (__inet_hash_connect's table_perturb):
        // reusing the port of a connection that ended in LAST_ACK would recycle the server's TIME_WAIT
        assertEquals(500.0, serverCloses.series("server", "tcp.state.TIME_WAIT").get(6.0), "server closed first");
        assertEquals(0.0, serverCloses.series("client", "tcp.state.TIME_WAIT").get(6.0));
        for (ExperimentRun r : new ExperimentRun[] {clientCloses, serverCloses}) {
            assertEquals(0.0, r.series("client", "tcp.state.ESTABLISHED").get(6.0));
            assertEquals(0.0, r.series("server", "tcp.state.CLOSE_WAIT").get(6.0));
        }
    }

    @Test
    void aServerOutOfDescriptorsHitsEmfileAndTheStormPilesUpInItsAcceptQueue(@TempDir Path tmp) {
        // ulimit_nofile 10: the listener plus 9 connections that never_close keeps in CLOSE_WAIT. accept() then
        // fails with EMFILE and the connections stay queued, backlog + 1 of them (sk_acceptq_is_full); later
        // SYNs are dropped (ListenOverflows) and their clients keep retransmitting.
        ExperimentRun run = ExperimentRun.run(tmp, "storm", experiment("5s", "\"server\": {\"ulimit_nofile\": 10}",
                ", \"backlog\": 4, \"never_close\": true", ", \"rate\": \"20/s\", \"closer\": \"client\""));
        assertEquals(9, run.count("server.accepted"));
        assertTrue(run.count("server.accept_errors.EMFILE") > 0, "accept() failed with EMFILE");
        assertEquals(0, run.count("server.accept_errors.ENFILE"));
        assertEquals(5, run.count("server.accept_queue"), "backlog + 1 connections wait");
        for (double t = 1; t <= 5; t++) {
            assertEquals(10.0, run.series("server", "server.fds").get(t), "t=" + t);
            assertEquals(5.0, run.series("server", "server.accept_queue").get(t), "t=" + t);
            assertEquals(9.0, run.series("server", "tcp.state.CLOSE_WAIT").get(t), "t=" + t);
        }
        assertTrue(run.counter("server", "TcpExtListenOverflows") > 0);

        assertEquals(100, run.count("connect-storm.attempted"));
        assertEquals(9, run.count("connect-storm.ok"), "only accepted connections are answered");
        assertEquals(0, run.count("connect-storm.failed"));
        assertEquals(91, run.count("connect-storm.open"));
        assertEquals(Map.of("ok", 9L, "open", 91L), run.outcomes());
        assertEquals(5.0, run.series("client", "tcp.state.ESTABLISHED").get(5.0), "the queued ones are established");
    }

    @Test
    void connectFailuresAreRowsWithTheErrnoTheApplicationSaw(@TempDir Path tmp) {
        // 100 ports and the client closing first: each port sits in TIME_WAIT for 60 s after its connection,
        // so after 100 connections connect() finds no free port (tcp_tw_reuse 2 only reuses on loopback)
        ExperimentRun ports = ExperimentRun.run(tmp.resolve("ports"), "storm", experiment("3s",
                "\"client\": {\"sysctl\": {\"net.ipv4.ip_local_port_range\": \"40000 40099\"}}", "",
                ", \"rate\": \"100/s\", \"stop\": \"2s\""));
        assertEquals(200, ports.count("connect-storm.attempted"));
        assertEquals(100, ports.count("connect-storm.ok"));
        assertEquals(100, ports.count("connect-storm.failed.EADDRNOTAVAIL"));
        assertEquals(Map.of("ok", 100L, "EADDRNOTAVAIL", 100L), ports.outcomes());
        for (CsvTable.Row r : ports.connections().rowsWhere(r -> r.get("outcome").equals("EADDRNOTAVAIL"))) {
            assertEquals("0", r.get("local_port"), "no port was bound");
            assertEquals("", r.get("t_established_s"));
            assertEquals(r.get("t_start_s"), r.get("t_end_s"), "connect() failed at once");
        }
        assertEquals(100.0, ports.series("client", "connect-storm.failed_per_s").get(2.0),
                "the second second fails entirely");

        // the client's own descriptors: the server never closes, so neither does the client (closer server)
        ExperimentRun fds = ExperimentRun.run(tmp.resolve("fds"), "storm", experiment("3s",
                "\"client\": {\"ulimit_nofile\": 5}", "", ", \"rate\": \"10/s\", \"stop\": \"2s\", \"closer\": \"server\""));
        assertEquals(20, fds.count("connect-storm.attempted"));
        assertEquals(15, fds.count("connect-storm.failed.EMFILE"));
        assertEquals(5, fds.count("connect-storm.open"));

        // refused connections are closed by the client, so their descriptors come back: no EMFILE
        ExperimentRun refused = ExperimentRun.run(tmp.resolve("refused"), "storm", experiment("3s",
                "\"client\": {\"ulimit_nofile\": 5}", "", ", \"rate\": \"100/s\", \"stop\": \"2s\"")
                .replace("\"to\": \"10.0.0.2:80\"", "\"to\": \"10.0.0.2:81\""));
        assertEquals(200, refused.count("connect-storm.attempted"));
        assertEquals(200, refused.count("connect-storm.failed.ECONNREFUSED"));
        assertEquals(0, refused.count("connect-storm.failed.EMFILE"));
        assertEquals(Map.of("ECONNREFUSED", 200L), refused.outcomes());
    }

    @Test
    void socketErrorsAreRowsAndTheirDescriptorsAreFreed(@TempDir Path tmp) {
        // A black hole towards the server and one SYN retransmission (1 s, then 2 s: tcp_write_timeout):
        // each connect fails with ETIMEDOUT 3 s after its SYN. With ulimit_nofile 1 a connection every
        // 4 s only gets a descriptor if the previous failure's was given back.
        ExperimentRun timedOut = ExperimentRun.run(tmp.resolve("timeout"), "storm", experiment("12s",
                "\"client\": {\"ulimit_nofile\": 1, \"sysctl\": {\"net.ipv4.tcp_syn_retries\": 1, "
                        + "\"net.ipv4.tcp_syn_linear_timeouts\": 0}}", "", ", \"rate\": \"0.25/s\"")
                .replace("\"delay\": \"1ms\"}", "\"delay\": \"1ms\", \"a_to_b\": {\"loss\": 1.0}}"));
        assertEquals(Map.of("ETIMEDOUT", 3L), timedOut.outcomes());
        for (CsvTable.Row r : timedOut.connections().rows()) {
            assertEquals(3.0, r.number("t_end_s") - r.number("t_start_s"), 1e-6, r.toString());
            assertEquals(1, r.integer("syn_retransmits"));
        }

        // A server that aborts (SO_LINGER 0) after answering: the client waiting for its FIN (closer
        // server) gets the answer, then the RST.
        ExperimentRun reset = ExperimentRun.run(tmp.resolve("reset"), "storm", experiment("2s", "",
                ", \"close\": \"after_response\", \"sockopt\": {\"SO_LINGER\": 0}",
                ", \"rate\": \"10/s\", \"stop\": \"1s\", \"closer\": \"server\""));
        assertEquals(10, reset.count("connect-storm.failed.ECONNRESET"));
        for (CsvTable.Row r : reset.connections().rows()) {
            assertEquals(100, r.integer("bytes_received"), "the answer came before the RST: " + r);
        }
    }
}
