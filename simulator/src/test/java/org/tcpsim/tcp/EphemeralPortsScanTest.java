package org.tcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tcpsim.engine.Event;
import org.tcpsim.engine.RandomStreams;
import org.tcpsim.kernel.KernelVersion;
import org.tcpsim.kernel.SysctlException;
import org.tcpsim.kernel.Sysctls;

/**
 * connect()'s port choice against __inet_hash_connect's loop written out literally: every port
 * probed in the kernel's order with the model's own 4-tuple check, table_perturb moved by
 * max(i, rand(8) * 2) + 2. Per seed, a client with a small random port range (odd and even
 * sizes, some reserved ports, tcp_tw_reuse 0/1/2, timestamps on or off, 6.18 or 4.9) connects at
 * random to three server ports (the server closes after the client, first, or nobody listens),
 * closes or aborts its connections, opens and closes listeners inside its range, and now and then
 * writes tcp_tw_reuse or the range anew (as a packetdrill script may), for 150 simulated seconds (TIME_WAIT expires, ranges run out and come back). Before every connect() the
 * literal scan predicts the outcome; connect() must give the same port or EADDRNOTAVAIL, and the
 * table_perturb slot must hold the same value afterwards. This holds the shortcuts (held ports
 * skipped 64 at a time, a failure remembered until a port can be free) to the kernel's answer.
 */
class EphemeralPortsScanTest {
    private static final long MS = 1_000_000L;
    private static final SocketOptions ABORT_ON_CLOSE = new SocketOptions(-1, -1, true, false, null, false);

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 60);
    }

    /** __inet_hash_connect, one port at a time, on a copy of table_perturb and its own random stream. */
    static final class KernelScan {
        final int[] perturb = new int[EphemeralPorts.PERTURB_SLOTS];
        final SplittableRandom random;

        KernelScan(SplittableRandom random) {
            this.random = random;
        }

        /** The port chosen, or -1 for EADDRNOTAVAIL. */
        int connect(TcpStack st, int dstAddr, int dstPort, long now) {
            TcpSettings s = st.settings;
            int low = s.portLow;
            int high = s.portHigh + 1;
            int remaining = high - low;
            if (remaining > 1) {
                remaining &= ~1;
            }
            long portOffset = st.ports.portOffset(st.host().address(), dstAddr, dstPort, now);
            int index = (int) (portOffset & (EphemeralPorts.PERTURB_SLOTS - 1));
            int offset = (int) (((perturb[index] + (portOffset >>> 32)) & 0xffffffffL) % remaining);
            offset &= ~1;
            while (true) {
                int port = low + offset;
                for (int i = 0; i < remaining; i += 2, port += 2) {
                    if (port >= high) {
                        port -= remaining;
                    }
                    if (s.reservedPorts.get(port)) {
                        continue;
                    }
                    if (st.fourTupleFree(port, dstAddr, dstPort, false, now) != null) {
                        perturb[index] += Math.max(i, random.nextInt(8) * 2) + 2;
                        return port;
                    }
                }
                offset++;
                if ((offset & 1) == 0 || remaining <= 1) {
                    return -1;
                }
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void connect_chooses_what_the_kernels_scan_chooses(long seed) {
        SplittableRandom draw = new SplittableRandom(seed * 0x9E3779B97F4A7C15L);
        KernelVersion kernel = draw.nextInt(4) == 0 ? KernelVersion.V4_9 : KernelVersion.V6_18;
        int[] sizes = {1, 2, 3, 5, 8, 17, 31, 64, 65, 100, 129};
        int size = sizes[draw.nextInt(sizes.length)];
        int low = 40000 + draw.nextInt(100);
        int high = low + size - 1;
        List<String> sysctls = new ArrayList<>(List.of("net.ipv4.ip_local_port_range", low + " " + high,
                "net.ipv4.tcp_tw_reuse", Integer.toString(draw.nextInt(3)),
                "net.ipv4.tcp_timestamps", draw.nextInt(4) == 0 ? "0" : "1"));
        if (draw.nextBoolean() && size > 2) {
            int from = low + draw.nextInt(size);
            sysctls.addAll(List.of("net.ipv4.ip_local_reserved_ports",
                    from + "-" + Math.min(high, from + draw.nextInt(size / 2 + 1)) + "," + (low + draw.nextInt(size))));
        }
        if (kernel == KernelVersion.V6_18) {
            sysctls.addAll(List.of("net.ipv4.tcp_tw_reuse_delay", Integer.toString(1 + draw.nextInt(3000))));
        }
        TcpTestbed tb = new TcpTestbed(seed, TcpTestbed.link(1_000_000_000L, MS), TcpTestbed.link(1_000_000_000L, MS),
                kernel, sysctls.toArray(String[]::new));
        tb.server.listen(80, 4096, SocketOptions.DEFAULTS, (l, now) -> {
            while (l.accept(new TcpTransferTest.Sink()) != null) {
                // closes once the client has: the client holds TIME_WAIT
            }
        });
        tb.server.listen(81, 4096, SocketOptions.DEFAULTS, (l, now) -> {
            TcpSocket s;
            while ((s = l.accept(new TcpTransferTest.Sink())) != null) {
                s.close(now); // the server closes first
            }
        });
        // port 82: nobody listens, the SYN is refused and the port comes back at once
        KernelScan kernelScan = new KernelScan(new RandomStreams(seed).stream("host:client:ephemeral-ports"));
        Driver driver = new Driver(tb, kernelScan, draw, low, size, "seed " + seed + " (" + kernel.label() + ", "
                + String.join(" ", sysctls) + ")");
        tb.sim.schedule(0, driver);
        tb.sim.run(150_000 * MS);
        assertTrue(driver.connects > 500, "connects: " + driver.connects);
    }

    /** Random connect / close / abort / listen events at random gaps. */
    private static final class Driver implements Event {
        final TcpTestbed tb;
        final KernelScan kernelScan;
        final SplittableRandom draw;
        int low;
        int size;
        final String label;
        final List<TcpSocket> open = new ArrayList<>();
        final List<TcpListener> listeners = new ArrayList<>();
        long connects;
        long failures;

        Driver(TcpTestbed tb, KernelScan kernelScan, SplittableRandom draw, int low, int size, String label) {
            this.tb = tb;
            this.kernelScan = kernelScan;
            this.draw = draw;
            this.low = low;
            this.size = size;
            this.label = label;
        }

        @Override
        public void fire(long now) {
            int what = draw.nextInt(100);
            if (what < 70) {
                connect(now);
            } else if (what < 90 && !open.isEmpty()) {
                // the client closes first (TIME_WAIT), or aborts (SO_LINGER 0: no TIME_WAIT)
                open.remove(draw.nextInt(open.size())).close(now);
            } else if (what == 90) {
                reload(now);
            } else if (what < 95) {
                try {
                    listeners.add(tb.client.listen(low + draw.nextInt(size), 16, SocketOptions.DEFAULTS, (l, t) -> { }));
                } catch (TcpError e) {
                    assertEquals("EADDRINUSE", e.errno(), label);
                }
            } else if (!listeners.isEmpty()) {
                listeners.remove(draw.nextInt(listeners.size())).close(now);
            }
            tb.sim.schedule(now + draw.nextLong(1, 120 * MS), this);
        }

        /** A sysctl written while running (as a packetdrill script may): a new range or tcp_tw_reuse. */
        private void reload(long now) {
            try {
                Sysctls s = tb.client.sysctls().with("net.ipv4.tcp_tw_reuse", Integer.toString(draw.nextInt(3)));
                if (draw.nextBoolean()) {
                    low = 40000 + draw.nextInt(100);
                    size = 1 + draw.nextInt(130);
                    s = s.with("net.ipv4.ip_local_port_range", low + " " + (low + size - 1));
                }
                tb.client.reloadSysctls(s);
            } catch (SysctlException e) {
                throw new AssertionError(e);
            }
        }

        private void connect(long now) {
            int dstPort = 80 + draw.nextInt(3);
            int expected = kernelScan.connect(tb.client, TcpTestbed.SERVER, dstPort, now);
            int got;
            try {
                TcpSocket s = tb.client.connect(TcpTestbed.SERVER, dstPort, draw.nextInt(6) == 0 ? ABORT_ON_CLOSE
                        : SocketOptions.DEFAULTS, new TcpTransferTest.Sink());
                got = s.localPort();
                if (draw.nextInt(3) > 0) {
                    open.add(s);
                }
            } catch (TcpError e) {
                assertEquals("EADDRNOTAVAIL", e.errno(), label);
                got = -1;
                failures++;
            }
            connects++;
            String at = label + ", connect #" + connects + " to port " + dstPort + " at " + now + " ns";
            assertEquals(expected, got, at);
            long portOffset = tb.client.ports.portOffset(TcpTestbed.CLIENT, TcpTestbed.SERVER, dstPort, now);
            int index = (int) (portOffset & (EphemeralPorts.PERTURB_SLOTS - 1));
            assertEquals(kernelScan.perturb[index], tb.client.ports.perturb(index), "table_perturb after " + at);
        }
    }
}
