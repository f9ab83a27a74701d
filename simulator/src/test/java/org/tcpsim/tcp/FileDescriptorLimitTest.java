package org.tcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tcpsim.kernel.KernelVersion;

/** RLIMIT_NOFILE and fs.file-max: accept() and connect() fail with EMFILE / ENFILE (fs/file.c: alloc_fd). */
class FileDescriptorLimitTest {
    static final long MS = 1_000_000;

    @Test
    void accept_fails_with_emfile_at_the_limit_and_the_connection_waits_in_the_accept_queue() {
        TcpTestbed tb = TcpTestbed.simple(MS);
        tb.server.setNofileLimit(4); // the listener takes one descriptor: three accepted connections fit
        TcpProcess server = tb.server.newProcess("server");
        TcpListener l = server.listen(80, 128, SocketOptions.DEFAULTS, (lis, now) -> { });
        for (int i = 0; i < 5; i++) {
            tb.client.connect(TcpTestbed.SERVER, 80, SocketOptions.DEFAULTS, new SocketCallbacks() { });
        }
        tb.sim.run(100 * MS);
        assertEquals(5, l.acceptQueueLength());
        List<TcpSocket> accepted = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            accepted.add(server.accept(l, null));
        }
        TcpError e = assertThrows(TcpError.class, () -> server.accept(l, null));
        assertEquals("EMFILE", e.errno());
        assertEquals(2, l.acceptQueueLength(), "a failed accept() leaves the connection queued");
        assertEquals(4, server.openFds());
        accepted.get(0).close(tb.sim.now()); // a descriptor is freed at close()
        assertNotNull(server.accept(l, null));
        assertEquals(1, l.acceptQueueLength());
    }

    @Test
    void fs_file_max_is_host_wide_and_gives_enfile() {
        TcpTestbed tb = new TcpTestbed(1, TcpTestbed.link(100_000_000, MS), TcpTestbed.link(100_000_000, MS),
                KernelVersion.V6_18, "fs.file-max", "8192");
        tb.client.setNofileLimit(1_000_000);
        tb.server.listen(80, 65535, SocketOptions.DEFAULTS, (lis, now) -> { });
        TcpProcess a = tb.client.newProcess("a");
        TcpProcess b = tb.client.newProcess("b");
        for (int i = 0; i < 4096; i++) {
            a.connect(TcpTestbed.SERVER, 80, SocketOptions.DEFAULTS, new SocketCallbacks() { });
            b.connect(TcpTestbed.SERVER, 80, SocketOptions.DEFAULTS, new SocketCallbacks() { });
        }
        TcpError e = assertThrows(TcpError.class,
                () -> a.connect(TcpTestbed.SERVER, 80, SocketOptions.DEFAULTS, new SocketCallbacks() { }));
        assertEquals("ENFILE", e.errno());
        assertEquals(4096, a.openFds(), "a failed socket() takes no descriptor");
    }

    @Test
    void try_connect_returns_null_with_the_errno_connect_throws_and_takes_no_descriptor() {
        TcpTestbed tb = new TcpTestbed(1, TcpTestbed.link(100_000_000, MS), TcpTestbed.link(100_000_000, MS),
                KernelVersion.V6_18, "net.ipv4.ip_local_port_range", "40000 40003");
        tb.client.setNofileLimit(6);
        tb.server.listen(80, 128, SocketOptions.DEFAULTS, (lis, now) -> { });
        TcpProcess p = tb.client.newProcess("p");
        for (int i = 0; i < 4; i++) {
            assertNotNull(p.tryConnect(TcpTestbed.SERVER, 80, SocketOptions.DEFAULTS, new SocketCallbacks() { }));
        }
        // four ports, four connections: the fifth finds no local port
        assertNull(p.tryConnect(TcpTestbed.SERVER, 80, SocketOptions.DEFAULTS, new SocketCallbacks() { }));
        assertEquals("EADDRNOTAVAIL", p.errno());
        assertEquals(4, p.openFds(), "the failed connect() gave its descriptor back");
        TcpError e = assertThrows(TcpError.class,
                () -> p.connect(TcpTestbed.SERVER, 80, SocketOptions.DEFAULTS, new SocketCallbacks() { }));
        assertEquals("EADDRNOTAVAIL", e.errno());
        assertEquals("EADDRNOTAVAIL: no free local port to " + Integer.toUnsignedString(TcpTestbed.SERVER)
                + ":80 in 40000-40003", e.getMessage());
        // another destination port still has the four local ports; then RLIMIT_NOFILE (6) is reached
        assertNotNull(p.tryConnect(TcpTestbed.SERVER, 81, SocketOptions.DEFAULTS, new SocketCallbacks() { }));
        assertNotNull(p.tryConnect(TcpTestbed.SERVER, 81, SocketOptions.DEFAULTS, new SocketCallbacks() { }));
        assertNull(p.tryConnect(TcpTestbed.SERVER, 81, SocketOptions.DEFAULTS, new SocketCallbacks() { }));
        assertEquals("EMFILE", p.errno());
        assertEquals(6, p.openFds());
        assertEquals("EMFILE", assertThrows(TcpError.class,
                () -> p.connect(TcpTestbed.SERVER, 81, SocketOptions.DEFAULTS, new SocketCallbacks() { })).errno());
    }
}
