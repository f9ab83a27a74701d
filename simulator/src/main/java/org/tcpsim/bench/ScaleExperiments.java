package org.tcpsim.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The experiments of {@code tcpsim bench --suite scale}, written as ordinary experiment files so
 * that each is measured as a user runs it ({@code tcpsim run FILE}):
 * <ul>
 *   <li>{@code dumbbell-N}: the ns-3 style dumbbell, N sender hosts on one router, N receiver
 *       hosts on another, one bulk flow per pair for 10 s through a 1 Gbps x 5 ms bottleneck
 *       (access links 10 Gbps x 2.5 ms, 20 ms RTT, a bottleneck queue of one BDP, 1667 packets);</li>
 *   <li>{@code storm-3000}: one client opening 3000 connections/s to one server port for 70 s,
 *       closing first, with the default ip_local_port_range: the range is used up after 9.4 s,
 *       then every connect() fails with EADDRNOTAVAIL until the first TIME_WAIT 4-tuples expire
 *       at 60 s.</li>
 * </ul>
 */
public final class ScaleExperiments {
    /** The cases in the order the suite runs them. */
    public static final List<String> NAMES = List.of("dumbbell-1000", "dumbbell-10000", "storm-3000");

    private ScaleExperiments() {
    }

    /** Writes every case into {@code dir}; returns their paths in {@link #NAMES} order. */
    public static List<Path> write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path d1 = write(dir, "dumbbell-1000", dumbbell(1000));
        Path d10 = write(dir, "dumbbell-10000", dumbbell(10_000));
        Path s = write(dir, "storm-3000", storm());
        return List.of(d1, d10, s);
    }

    private static Path write(Path dir, String name, String json) throws IOException {
        Path p = dir.resolve(name + ".json");
        Files.writeString(p, json, StandardCharsets.UTF_8);
        return p;
    }

    /** The dumbbell with {@code flows} sender/receiver pairs, as an experiment file's text. */
    public static String dumbbell(int flows) {
        StringBuilder b = new StringBuilder(300 * flows);
        b.append("{\n  \"name\": \"dumbbell-").append(flows).append("\",\n");
        b.append("  \"description\": \"ns-3 style dumbbell: ").append(flows).append(" sender hosts behind one router,")
                .append(" as many receivers behind another, one bulk flow per pair for 10 s through a 1 Gbps x 5 ms")
                .append(" bottleneck (10 Gbps x 2.5 ms access links, 20 ms RTT, a queue of one BDP).\",\n");
        b.append("  \"duration\": \"10s\",\n  \"seeds\": [1],\n  \"topology\": {\n    \"nodes\": [\n");
        b.append("      {\"name\": \"left\", \"kind\": \"router\", \"address\": \"10.255.0.1\"},\n");
        b.append("      {\"name\": \"right\", \"kind\": \"router\", \"address\": \"10.255.0.2\"}");
        for (int i = 0; i < flows; i++) {
            b.append(",\n      {\"name\": \"s").append(i).append("\", \"kind\": \"host\", \"address\": \"10.1.")
                    .append(i / 250).append('.').append(i % 250 + 1).append("\"}");
            b.append(",\n      {\"name\": \"d").append(i).append("\", \"kind\": \"host\", \"address\": \"10.2.")
                    .append(i / 250).append('.').append(i % 250 + 1).append("\"}");
        }
        b.append("\n    ],\n    \"links\": [\n");
        b.append("      {\"a\": \"left\", \"b\": \"right\", \"rate\": \"1Gbps\", \"delay\": \"5ms\", \"queue\": \"1667p\"}");
        for (int i = 0; i < flows; i++) {
            b.append(",\n      {\"a\": \"s").append(i).append("\", \"b\": \"left\", \"rate\": \"10Gbps\", \"delay\": \"2500us\"}");
            b.append(",\n      {\"a\": \"right\", \"b\": \"d").append(i).append("\", \"rate\": \"10Gbps\", \"delay\": \"2500us\"}");
        }
        b.append("\n    ]\n  },\n  \"workloads\": [\n");
        for (int i = 0; i < flows; i++) {
            b.append(i == 0 ? "" : ",\n").append("    {\"type\": \"bulk\", \"name\": \"f").append(i)
                    .append("\", \"from\": \"s").append(i).append("\", \"to\": \"d").append(i)
                    .append(":5001\", \"duration\": \"10s\"}");
        }
        b.append("\n  ]\n}\n");
        return b.toString();
    }

    /** The 3000 connections/s storm, as an experiment file's text. */
    public static String storm() {
        return """
                {
                  "name": "storm-3000",
                  "description": "One client opens 3000 connections/s to one server port for 70 s and closes first, with the default ip_local_port_range (28 232 ports): the range is used up after 9.4 s, then connect() fails with EADDRNOTAVAIL until the first TIME_WAIT 4-tuples expire at 60 s.",
                  "duration": "70s",
                  "seeds": [1],
                  "topology": {
                    "nodes": [
                      {"name": "client", "kind": "host", "address": "10.0.0.1"},
                      {"name": "server", "kind": "host", "address": "10.0.0.2"}
                    ],
                    "links": [
                      {"a": "client", "b": "server", "rate": "1Gbps", "delay": "10ms", "queue": "1000p"}
                    ]
                  },
                  "hosts": {
                    "server": {"sysctl": {"net.core.somaxconn": 4096}, "ulimit_nofile": 100000}
                  },
                  "workloads": [
                    {"type": "server", "name": "server", "host": "server", "port": 5001, "backlog": 4096,
                     "request_bytes": 100, "response_bytes": 100},
                    {"type": "connect-storm", "name": "storm", "from": "client", "to": "10.0.0.2:5001", "rate": "3000/s",
                     "arrival": "fixed", "request_bytes": 100, "response_bytes": 100, "closer": "client"}
                  ]
                }
                """;
    }
}
