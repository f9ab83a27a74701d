package org.tcpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/** `tcpsim plugins` and `tcpsim sysctls` list what the JSON may name, by the names it uses. */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class PluginsAndSysctlsCommandTest {

    @Test
    void pluginsListsTheProbeWorkloadAndBothLossModels() {
        Cli.Result r = Cli.run("plugins");
        assertEquals(0, r.status(), r.transcript());
        List<String> names = r.out().lines().filter(l -> l.startsWith("  ")).map(l -> l.trim().split("\\s+")[0]).toList();
        assertTrue(names.containsAll(List.of("probe", "bernoulli", "gilbert-elliott")), r.transcript());
    }

    @Test
    void sysctlsListsTcpTwReuseWithTheLinux618DefaultTwo() {
        Cli.Result r = Cli.run("sysctls");
        assertEquals(0, r.status(), r.transcript());
        assertEquals("\"2\"", defaultOf(r.out(), "net.ipv4.tcp_tw_reuse"), r.transcript());
        assertEquals(null, defaultOf(r.out(), "net.ipv4.tcp_tw_recycle"), "removed in Linux 4.12");
    }

    @Test
    void sysctlsForKernel49ListsTcpTwRecycle() {
        Cli.Result r = Cli.run("sysctls", "--kernel", "4.9");
        assertEquals(0, r.status(), r.transcript());
        assertEquals("\"0\"", defaultOf(r.out(), "net.ipv4.tcp_tw_recycle"), r.transcript());
        assertEquals("\"0\"", defaultOf(r.out(), "net.ipv4.tcp_tw_reuse"), "4.9's tcp_tw_reuse is a boolean, default 0");
    }

    @Test
    void sysctlsForAnUnknownKernelIsBadInput() {
        Cli.Result r = Cli.run("sysctls", "--kernel", "5.99");
        assertEquals(2, r.status(), r.transcript());
        assertTrue(r.err().contains("6.18") && r.err().contains("4.9"), "names the modelled kernels: " + r.transcript());
        assertFalse(r.err().contains("Exception"), r.transcript());
    }

    /** The default column of a sysctl's line, or null when it is not listed. */
    private static String defaultOf(String listing, String name) {
        return listing.lines().map(l -> l.split("\\s+"))
                .filter(f -> f.length > 1 && f[0].equals(name))
                .map(f -> f[1]).findFirst().orElse(null);
    }
}
