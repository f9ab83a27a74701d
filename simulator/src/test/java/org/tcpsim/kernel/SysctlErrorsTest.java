package org.tcpsim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tcpsim.kernel.SysctlNames.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every kind of refusal, with the user-facing message. */
class SysctlErrorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Sysctls NEW = Sysctls.defaults(KernelVersion.V6_18);
    private static final Sysctls OLD = Sysctls.defaults(KernelVersion.V4_9);

    private static SysctlException refused(Sysctls s, String name, String jsonValue) {
        return assertThrows(SysctlException.class, () -> s.with(name, JSON.readTree(jsonValue)));
    }

    @Test
    void unknownNameWithSuggestion() {
        SysctlException e = refused(NEW, "net.ipv4.tcp_tw_reuze", "1");
        assertEquals(SysctlException.Kind.UNKNOWN, e.kind());
        assertEquals("net.ipv4.tcp_tw_reuze", e.sysctlName());
        assertEquals("unknown sysctl 'net.ipv4.tcp_tw_reuze' (did you mean 'net.ipv4.tcp_tw_reuse'?)",
                e.getMessage());
    }

    @Test
    void unknownNameWithoutSuggestion() {
        SysctlException e = refused(NEW, "vm.swappiness", "1");
        assertEquals("unknown sysctl 'vm.swappiness'", e.getMessage());
    }

    @Test
    void wrongPrefixSuggestsTheRightOne() {
        SysctlException e = refused(NEW, "net.ipv4.somaxconn", "1");
        assertEquals("unknown sysctl 'net.ipv4.somaxconn' (did you mean 'net.core.somaxconn'?)", e.getMessage());
    }

    @Test
    void removedOnNewKernel() {
        SysctlException e = refused(NEW, TCP_TW_RECYCLE, "1");
        assertEquals(SysctlException.Kind.NOT_ON_KERNEL, e.kind());
        assertEquals("net.ipv4.tcp_tw_recycle does not exist on kernel 6.18 (removed in 4.12); "
                + "use \"kernel\": \"4.9\"", e.getMessage());
    }

    @Test
    void missingOnLegacyKernel() {
        SysctlException e = refused(OLD, TCP_SYN_LINEAR_TIMEOUTS, "4");
        assertEquals(SysctlException.Kind.NOT_ON_KERNEL, e.kind());
        assertEquals("net.ipv4.tcp_syn_linear_timeouts does not exist on kernel 4.9 (added in 6.5); "
                + "use \"kernel\": \"6.18\"", e.getMessage());
        assertEquals(SysctlException.Kind.NOT_ON_KERNEL, refused(OLD, TCP_TW_REUSE_DELAY, "1000").kind());
        assertEquals(SysctlException.Kind.NOT_ON_KERNEL, refused(OLD, TCP_RTO_MIN_US, "1000").kind());
    }

    @Test
    void portRangeSyntax() {
        SysctlException e = refused(NEW, IP_LOCAL_PORT_RANGE, "\"32768\"");
        assertEquals(SysctlException.Kind.SYNTAX, e.kind());
        assertEquals("net.ipv4.ip_local_port_range: expected two port numbers \"LOW HIGH\" "
                + "(1-65535, LOW <= HIGH, e.g. \"32768 60999\"), got \"32768\"", e.getMessage());
    }

    @ParameterizedTest(name = "{0} <- {1}")
    @CsvSource(delimiter = '|', value = {
        IP_LOCAL_PORT_RANGE + "|\"32768-60999\"",
        IP_LOCAL_PORT_RANGE + "|\"1 2 3\"",
        IP_LOCAL_PORT_RANGE + "|[1]",
        IP_LOCAL_PORT_RANGE + "|[1, 2.5]",
        IP_LOCAL_PORT_RANGE + "|32768",
        TCP_RMEM + "|\"4096 131072\"",
        TCP_RMEM + "|\"4096,131072,6291456\"",
        TCP_TW_REUSE + "|\"yes\"",
        TCP_TW_REUSE + "|true",
        TCP_TW_REUSE + "|1.5",
        TCP_TW_REUSE + "|\"\"",
        TCP_TW_REUSE + "|\"1 2\"",
        TCP_TW_REUSE + "|\"+1\"",
        TCP_TW_REUSE + "|\"08\"",
        TCP_TW_REUSE + "|\"1e3\"",
        TCP_TW_REUSE + "|\"0x\"",
        TCP_TW_REUSE + "|null",
        TCP_TW_REUSE + "|[1]",
        TCP_CONGESTION_CONTROL + "|\"\"",
        TCP_CONGESTION_CONTROL + "|\"cu bic\"",
        TCP_CONGESTION_CONTROL + "|\"sixteen_chars_xx\"",
        TCP_CONGESTION_CONTROL + "|1",
        IP_LOCAL_RESERVED_PORTS + "|\"8080, 9000\"",
        IP_LOCAL_RESERVED_PORTS + "|\",8080\"",
        IP_LOCAL_RESERVED_PORTS + "|\"8080,,9000\"",
        IP_LOCAL_RESERVED_PORTS + "|\"a-b\"",
        IP_LOCAL_RESERVED_PORTS + "|\"-5\"",
        IP_LOCAL_RESERVED_PORTS + "|\"1-2-3\"",
        IP_LOCAL_RESERVED_PORTS + "|true",
    })
    void badSyntax(String name, String jsonValue) {
        SysctlException e = refused(NEW, name, jsonValue);
        assertEquals(SysctlException.Kind.SYNTAX, e.kind(), e.getMessage());
        assertTrue(e.getMessage().startsWith(name + ": expected "), e.getMessage());
        assertTrue(e.getMessage().contains(", got "), e.getMessage());
    }

    @Test
    void syntaxMessagesShowTheExpectedForm() {
        assertEquals("net.ipv4.tcp_rmem: expected three integers \"MIN DEFAULT MAX\" (bytes), "
                + "e.g. \"4096 131072 33554432\", got \"4096\\t131072\"",
                refused(NEW, TCP_RMEM, "\"4096\\t131072\"").getMessage());
        assertEquals("net.ipv4.tcp_fin_timeout: expected an integer (seconds), e.g. \"60\", got \"1m\"",
                refused(NEW, TCP_FIN_TIMEOUT, "\"1m\"").getMessage());
        assertEquals("net.ipv4.tcp_sack: expected 0 or 1, e.g. \"1\", got true",
                refused(NEW, TCP_SACK, "true").getMessage());
    }

    @Test
    void scalarOutOfRange() {
        SysctlException e = refused(NEW, TCP_TW_REUSE, "3");
        assertEquals(SysctlException.Kind.RANGE, e.kind());
        assertEquals("net.ipv4.tcp_tw_reuse must be between 0 and 2 on kernel 6.18 "
                + "(0 = off, 1 = on, 2 = loopback only), got 3", e.getMessage());
    }

    @ParameterizedTest(name = "{0} <- {1}")
    @CsvSource(delimiter = '|', value = {
        TCP_SYNCOOKIES + "|256",
        TCP_SYNCOOKIES + "|-1",
        TCP_SYN_RETRIES + "|0",
        TCP_SYN_RETRIES + "|128",
        TCP_SYN_LINEAR_TIMEOUTS + "|128",
        TCP_TW_REUSE_DELAY + "|0",
        TCP_TW_REUSE_DELAY + "|60001",
        TCP_ECN + "|6",
        TCP_EARLY_RETRANS + "|5",
        TCP_AUTOCORKING + "|2",
        TCP_RTO_MIN_US + "|0",
        TCP_RTO_MAX_MS + "|999",
        TCP_FIN_TIMEOUT + "|2147484",
        SOMAXCONN + "|-1",
        SOMAXCONN + "|2147483648",
        RMEM_MAX + "|2303",
        WMEM_MAX + "|4607",
        NR_OPEN + "|63",
        FILE_MAX + "|-1",
        IP_UNPRIVILEGED_PORT_START + "|65536",
        NF_CONNTRACK_TCP_LOOSE + "|2",
        DEV_WEIGHT + "|0",
        NF_CONNTRACK_MAX + "|-1",
        TCP_REORDERING + "|\"99999999999999999999\"",
    })
    void outOfRange(String name, String value) {
        SysctlException e = refused(NEW, name, value);
        assertEquals(SysctlException.Kind.RANGE, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("must be between"), e.getMessage());
    }

    @Test
    void vectorElementOutOfRange() {
        assertEquals("net.ipv4.tcp_rmem: MIN must be between 1 and 2147483647, got 0",
                refused(NEW, TCP_RMEM, "\"0 131072 6291456\"").getMessage());
        assertEquals("net.ipv4.tcp_mem: HIGH must be between 0 and 9223372036854775807, got -1",
                refused(NEW, TCP_MEM, "[1, 2, -1]").getMessage());
        assertEquals(SysctlException.Kind.RANGE, refused(NEW, IP_LOCAL_PORT_RANGE, "\"32768 65536\"").kind());
        assertEquals(SysctlException.Kind.RANGE, refused(NEW, IP_LOCAL_PORT_RANGE, "\"0 100\"").kind());
    }

    @Test
    void portRangeLowAboveHigh() {
        SysctlException e = refused(NEW, IP_LOCAL_PORT_RANGE, "\"61000 60999\"");
        assertEquals(SysctlException.Kind.RANGE, e.kind());
        assertEquals("net.ipv4.ip_local_port_range: LOW (61000) must not be greater than HIGH (60999)",
                e.getMessage());
        assertEquals(SysctlException.Kind.RANGE, refused(OLD, IP_LOCAL_PORT_RANGE, "\"61000 60999\"").kind());
    }

    @Test
    void portRangeBelowUnprivilegedStart() throws Exception {
        SysctlException e = refused(NEW, IP_LOCAL_PORT_RANGE, "\"80 60999\"");
        assertEquals("net.ipv4.ip_local_port_range: LOW (80) must be >= net.ipv4.ip_unprivileged_port_start "
                + "(1024); lower that first", e.getMessage());
        Sysctls s = NEW.with(IP_UNPRIVILEGED_PORT_START, "80").with(IP_LOCAL_PORT_RANGE, "80 60999");
        assertEquals("80\t60999", s.text(IP_LOCAL_PORT_RANGE));
        // equal ends are allowed (Linux rejects only HIGH < LOW)
        assertEquals("40000\t40000", NEW.with(IP_LOCAL_PORT_RANGE, "40000 40000").text(IP_LOCAL_PORT_RANGE));
    }

    @Test
    void unprivilegedStartAbovePortRange() {
        SysctlException e = refused(NEW, IP_UNPRIVILEGED_PORT_START, "40000");
        assertEquals(SysctlException.Kind.RANGE, e.kind());
        assertEquals("net.ipv4.ip_unprivileged_port_start (40000) must not be greater than the LOW end of "
                + "net.ipv4.ip_local_port_range (32768); raise that first", e.getMessage());
    }

    @Test
    void portListOutOfRange() {
        SysctlException e = refused(NEW, IP_LOCAL_RESERVED_PORTS, "\"8080,70000\"");
        assertEquals(SysctlException.Kind.RANGE, e.kind());
        assertEquals("net.ipv4.ip_local_reserved_ports: ports must be between 0 and 65535, got 70000",
                e.getMessage());
        SysctlException reversed = refused(NEW, IP_LOCAL_RESERVED_PORTS, "\"9100-9000\"");
        assertEquals("net.ipv4.ip_local_reserved_ports: range 9100-9000 is reversed (LOW must be <= HIGH)",
                reversed.getMessage());
    }

    @Test
    void stringFormForNullName() {
        JsonNode one = JSON.getNodeFactory().numberNode(1);
        SysctlException e = assertThrows(SysctlException.class, () -> NEW.with(null, one));
        assertEquals(SysctlException.Kind.UNKNOWN, e.kind());
    }
}
