package org.tcpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * Module parameters from JSON, as Linux takes them from /sys/module/tcp_NAME/parameters:
 * {@code "congestion_control": {"name": "cubic", "beta": 512}} on a workload or a host, checked
 * with the file's line and column; naming a module alone (TCP_CONGESTION, the sysctl) keeps
 * today's behaviour, and a host's parameters reach the sockets that pick its module by name.
 */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class CongestionParametersScenarioTest {
    @TempDir
    Path tmp;

    /** A lossy bulk flow: cubic's beta decides how far each loss cuts cwnd. */
    private static String experiment(String hostExtra, String workloadCc) {
        return """
                {"name": "cc-params", "duration": "10s", "seeds": [1],
                 "topology": {"nodes": [{"name": "a", "kind": "host", "address": "10.0.0.1"},
                                        {"name": "b", "kind": "host", "address": "10.0.0.2"}],
                              "links": [{"a": "a", "b": "b", "rate": "50Mbps", "delay": "10ms",
                                         "a_to_b": {"loss": {"model": "bernoulli", "p": 0.002}}}]},
                 "hosts": {"a": {%s}},
                 "workloads": [{"type": "bulk", "from": "a", "to": "b", "duration": "10s"%s}]}
                """.formatted(hostExtra, workloadCc);
    }

    private String summary(String name, String json) throws IOException {
        Path f = Cli.write(tmp, name + ".json", json);
        Cli.Result r = Cli.run("run", f.toString(), "--out", tmp.resolve(name).toString());
        assertEquals(0, r.status(), r.transcript());
        return Files.readString(tmp.resolve(name).resolve("cc-params/run-s1/counters.csv"))
                + Files.readString(tmp.resolve(name).resolve("cc-params/run-s1/flows.csv"));
    }

    @Test
    void cubic_with_its_default_parameters_given_explicitly_is_the_cubic_of_today() throws IOException {
        String byName = summary("plain", experiment("", ", \"congestion_control\": \"cubic\""));
        String explicit = summary("explicit", experiment("",
                ", \"congestion_control\": {\"name\": \"cubic\", \"beta\": 717, \"bic_scale\": 41, \"hystart\": 1}"));
        assertEquals(byName, explicit);
        String beta = summary("beta", experiment("", ", \"congestion_control\": {\"name\": \"cubic\", \"beta\": 512}"));
        assertNotEquals(byName, beta, "beta = 512 cuts deeper on each loss");
    }

    @Test
    void a_hosts_module_parameters_reach_sockets_that_name_the_module() throws IOException {
        String workload = summary("w", experiment("", ", \"congestion_control\": {\"name\": \"cubic\", \"beta\": 512}"));
        String host = summary("h", experiment("\"congestion_control\": {\"name\": \"cubic\", \"beta\": 512}",
                ", \"sockopt\": {\"TCP_CONGESTION\": \"cubic\"}"));
        assertEquals(workload, host);
        String reno = summary("r", experiment("\"sysctl\": {\"net.ipv4.tcp_congestion_control\": \"reno\"}", ""));
        String renoObj = summary("ro", experiment("\"congestion_control\": {\"name\": \"reno\"}", ""));
        assertEquals(reno, renoObj, "the object form without parameters is the sysctl");
    }

    private Cli.Result validate(String json) {
        Path f = Cli.write(tmp, "bad.json", json);
        return Cli.run("validate", f.toString());
    }

    @Test
    void bad_module_parameters_are_located_in_the_file() {
        Cli.Result range = validate(experiment("", ",\n \"congestion_control\": {\"name\": \"cubic\", \"beta\": 1024}"));
        assertEquals(2, range.status(), range.transcript());
        assertTrue(range.err().matches("(?s).*bad\\.json:\\d+:\\d+: at /workloads/0/congestion_control/beta: .*"),
                range.transcript());
        Cli.Result unknown = validate(experiment("", ", \"congestion_control\": {\"name\": \"reno\", \"beta\": 1}"));
        assertTrue(unknown.status() == 2 && unknown.err().contains("/workloads/0/congestion_control/beta"),
                "reno declares no parameters: " + unknown.transcript());
        Cli.Result name = validate(experiment("", ", \"congestion_control\": {\"name\": \"vegas\"}"));
        assertTrue(name.status() == 2 && name.err().contains("no congestion control named 'vegas'")
                && name.err().contains("available: bbr, cubic, reno"), name.transcript());
        Cli.Result noName = validate(experiment("", ", \"congestion_control\": {\"beta\": 512}"));
        assertTrue(noName.status() == 2 && noName.err().contains("'name'"), noName.transcript());
        Cli.Result sockopt = validate(experiment("", ", \"sockopt\": {\"TCP_CONGESTION\": {\"name\": \"cubic\"}}"));
        assertTrue(sockopt.status() == 2 && sockopt.err().contains("TCP_CONGESTION"),
                "TCP_CONGESTION takes a name, as setsockopt does: " + sockopt.transcript());
    }

    @Test
    void a_host_naming_its_module_twice_differently_is_refused() {
        Cli.Result r = validate(experiment("\"sysctl\": {\"net.ipv4.tcp_congestion_control\": \"reno\"},"
                + " \"congestion_control\": {\"name\": \"cubic\"}", ""));
        assertEquals(2, r.status(), r.transcript());
        assertTrue(r.err().contains("/hosts/a/congestion_control") && r.err().contains("give the module in one place"),
                r.transcript());
    }
}
