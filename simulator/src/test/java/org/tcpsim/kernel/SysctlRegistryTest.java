package org.tcpsim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tcpsim.kernel.SysctlNames.*;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SysctlRegistryTest {
    private static final SysctlRegistry R = SysctlRegistry.linux();

    /** The names the design requires, exactly as Linux spells them. */
    private static final List<String> REQUIRED = List.of(
        "net.ipv4.ip_local_port_range", "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_tw_reuse",
        "net.ipv4.tcp_tw_reuse_delay", "net.ipv4.tcp_tw_recycle", "net.ipv4.tcp_timestamps", "net.ipv4.tcp_sack",
        "net.ipv4.tcp_window_scaling", "net.ipv4.tcp_syncookies", "net.ipv4.tcp_max_syn_backlog",
        "net.ipv4.tcp_abort_on_overflow", "net.ipv4.tcp_syn_retries", "net.ipv4.tcp_synack_retries",
        "net.ipv4.tcp_syn_linear_timeouts", "net.ipv4.tcp_retries1", "net.ipv4.tcp_retries2",
        "net.ipv4.tcp_orphan_retries", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_max_tw_buckets",
        "net.ipv4.tcp_max_orphans", "net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem", "net.ipv4.tcp_mem",
        "net.ipv4.tcp_moderate_rcvbuf", "net.ipv4.tcp_congestion_control", "net.ipv4.tcp_rto_min_us",
        "net.ipv4.tcp_rfc1337", "net.ipv4.tcp_slow_start_after_idle", "net.ipv4.tcp_no_metrics_save",
        "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes",
        "net.ipv4.tcp_reordering", "net.ipv4.tcp_early_retrans", "net.ipv4.tcp_recovery", "net.ipv4.tcp_frto",
        "net.ipv4.tcp_ecn", "net.ipv4.tcp_autocorking", "net.ipv4.tcp_dsack", "net.core.somaxconn",
        "net.core.rmem_default", "net.core.rmem_max", "net.core.wmem_default", "net.core.wmem_max",
        "net.core.netdev_max_backlog", "net.core.netdev_budget", "net.core.netdev_budget_usecs",
        "net.core.dev_weight", "fs.file-max", "fs.nr_open", "net.netfilter.nf_conntrack_max",
        "net.netfilter.nf_conntrack_tcp_timeout_syn_sent", "net.netfilter.nf_conntrack_tcp_timeout_syn_recv",
        "net.netfilter.nf_conntrack_tcp_timeout_established", "net.netfilter.nf_conntrack_tcp_timeout_fin_wait",
        "net.netfilter.nf_conntrack_tcp_timeout_close_wait", "net.netfilter.nf_conntrack_tcp_timeout_last_ack",
        "net.netfilter.nf_conntrack_tcp_timeout_time_wait", "net.netfilter.nf_conntrack_tcp_timeout_close",
        "net.netfilter.nf_conntrack_tcp_timeout_max_retrans",
        "net.netfilter.nf_conntrack_tcp_timeout_unacknowledged", "net.netfilter.nf_conntrack_tcp_loose",
        "net.netfilter.nf_conntrack_tcp_be_liberal");

    @Test
    void everyRequiredNameIsRegistered() {
        for (String name : REQUIRED) {
            assertTrue(R.find(name).isPresent(), name);
        }
    }

    @Test
    void kernelSpecificKnobs() {
        assertEquals(Set.of(KernelVersion.V4_9), R.find(TCP_TW_RECYCLE).orElseThrow().kernels());
        for (String name : List.of(TCP_SYN_LINEAR_TIMEOUTS, TCP_TW_REUSE_DELAY, TCP_RTO_MIN_US)) {
            assertEquals(Set.of(KernelVersion.V6_18), R.find(name).orElseThrow().kernels(), name);
        }
        assertEquals(Set.of(KernelVersion.values()), R.find(TCP_TW_REUSE).orElseThrow().kernels());
    }

    @Test
    void singletonSortedAndImmutable() {
        assertSame(R, SysctlRegistry.linux());
        List<String> names = R.all().stream().map(SysctlSpec::name).toList();
        assertEquals(new ArrayList<>(new TreeSet<>(names)), names);
        assertThrows(UnsupportedOperationException.class, () -> R.all().clear());
        assertThrows(UnsupportedOperationException.class,
                () -> R.find(TCP_MEM).orElseThrow().variants().clear());
        assertTrue(R.find("net.ipv4.TCP_SACK").isEmpty());
        assertTrue(R.find(null).isEmpty());
    }

    @Test
    void namesConstantsMatchTheRegistry() throws IllegalAccessException {
        Set<String> constants = new TreeSet<>();
        for (Field f : SysctlNames.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                constants.add((String) f.get(null));
            }
        }
        Set<String> registered = new TreeSet<>();
        R.all().forEach(s -> registered.add(s.name()));
        assertEquals(registered, constants);
    }

    @Test
    void everySpecHasOneDocLineNamingItsDefault() {
        for (SysctlSpec s : R.all()) {
            assertFalse(s.doc().contains("\n"), s.name());
            assertTrue(s.doc().contains("default"), s.name() + ": " + s.doc());
            assertTrue(s.doc().length() < 300, s.name() + " doc too long: " + s.doc().length());
            assertFalse(s.syntax().isBlank(), s.name());
        }
    }

    @Test
    void everyDefaultIsAValidValueOnEveryKernelAndMemorySize() {
        for (KernelVersion k : KernelVersion.values()) {
            for (long bytes : new long[] {4096, 16L << 20, 1L << 30, 3L << 30, HostMemory.DEFAULT_BYTES, 1L << 40}) {
                Sysctls s = Sysctls.defaults(k, bytes); // throws if a default fails its own validation
                assertEquals(R.on(k).size(), s.asText().size());
            }
        }
    }

    @Test
    void memoryDerivedFlags() {
        assertTrue(R.find(TCP_MEM).orElseThrow().memoryDerived());
        assertTrue(R.find(NF_CONNTRACK_MAX).orElseThrow().memoryDerived());
        assertFalse(R.find(TCP_SACK).orElseThrow().memoryDerived());
        assertEquals("ehash_entries/2",
                R.find(TCP_MAX_TW_BUCKETS).orElseThrow().variant(KernelVersion.V6_18).orElseThrow().defaultRule());
    }

    @Test
    void specDescribesRangesPerKernel() {
        SysctlSpec reuse = R.find(TCP_TW_REUSE).orElseThrow();
        assertEquals(0, reuse.min(KernelVersion.V6_18));
        assertEquals(2, reuse.max(KernelVersion.V6_18));
        assertEquals(Integer.MAX_VALUE, reuse.max(KernelVersion.V4_9));
        assertEquals(3, R.find(TCP_RMEM).orElseThrow().arity());
        assertEquals(List.of("LOW", "HIGH"), R.find(IP_LOCAL_PORT_RANGE).orElseThrow().elements());
        assertThrows(IllegalArgumentException.class,
                () -> R.find(TCP_TW_RECYCLE).orElseThrow().defaultText(KernelVersion.V6_18, HostMemory.standard()));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "net.ipv4.tcp_tw_reuze, net.ipv4.tcp_tw_reuse",
        "net.ipv4.tcp_fin_timout, net.ipv4.tcp_fin_timeout",
        "tcp_syncookie, net.ipv4.tcp_syncookies",
        "tcp_tw_reuse, net.ipv4.tcp_tw_reuse",
        "net.ipv4.somaxconn, net.core.somaxconn",
        "net/ipv4/tcp_sack, net.ipv4.tcp_sack",
        "NET.IPV4.TCP_SACK, net.ipv4.tcp_sack",
        "net.ipv4.ip_local_port_ranges, net.ipv4.ip_local_port_range",
        "fs.file_max, fs.file-max",
        "net.netfilter.nf_conntrack_tcp_timeout_establised, net.netfilter.nf_conntrack_tcp_timeout_established",
    })
    void suggestsTheClosestName(String typo, String expected) {
        assertEquals(expected, R.suggest(typo));
    }

    @Test
    void noSuggestionForUnrelatedNames() {
        assertNull(R.suggest("vm.swappiness"));
        assertNull(R.suggest("kernel.pid_max"));
        assertNull(R.suggest(""));
        assertNull(R.suggest(null));
    }
}
