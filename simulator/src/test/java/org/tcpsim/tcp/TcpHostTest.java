package org.tcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.tcpsim.engine.RandomStreams;
import org.tcpsim.engine.Scheduler;
import org.tcpsim.engine.Simulation;
import org.tcpsim.kernel.KernelVersion;
import org.tcpsim.kernel.Sysctls;

/** One stack driven through {@link TcpHost} alone: segments in by hand, segments out into a list, no topology. */
class TcpHostTest {
    private static final int LOCAL = 0xc0a80001; // 192.168.0.1
    private static final int PEER = 0xc0000201;  // 192.0.2.1

    /** The smallest host: a clock, and a list for what IP output is handed. */
    static final class ListHost implements TcpHost {
        final Simulation sim = new Simulation();
        final List<TcpSegment> sent = new ArrayList<>();
        private final RandomStreams random = new RandomStreams(1);
        private final Sysctls sysctls;

        ListHost() {
            this(Sysctls.defaults(KernelVersion.V6_18));
        }

        ListHost(Sysctls sysctls) {
            this.sysctls = sysctls;
        }

        @Override public String name() { return "local"; }
        @Override public int address() { return LOCAL; }
        @Override public int mtu() { return 1500; }
        @Override public Scheduler clock() { return sim; }
        @Override public boolean output(TcpSegment segment, long now) { sent.add(segment); return true; }
        @Override public long secret(String purpose) { return random.derive(purpose); }
        @Override public SplittableRandom random(String purpose) { return random.stream(purpose); }
        @Override public KernelVersion kernel() { return KernelVersion.V6_18; }
        @Override public Sysctls sysctls() { return sysctls; }
    }

    /** A segment from the peer (192.0.2.1:40000) to the local port 8080, no options, no data. */
    static TcpSegment inbound(int flags, int seq, int ack, int window) {
        TcpSegment s = new TcpSegment();
        s.src = PEER;
        s.dst = LOCAL;
        s.srcPort = 40000;
        s.dstPort = 8080;
        s.flags = flags;
        s.seq = seq;
        s.ack = ack;
        s.window = window;
        return s;
    }

    @Test
    void listener_answers_a_syn_and_retransmits_the_synack_after_one_second_without_a_topology() {
        ListHost host = new ListHost();
        TcpStack stack = new TcpStack(host);
        stack.listen(8080, 1, SocketOptions.DEFAULTS, (l, now) -> { });
        TcpSegment syn = inbound(TcpSegment.SYN, 1000, 0, 65535);
        syn.mssOption = 1000;
        stack.deliver(syn, 0);
        assertEquals(1, host.sent.size());
        TcpSegment synAck = host.sent.get(0);
        assertEquals(TcpSegment.SYN | TcpSegment.ACK, synAck.flags);
        assertEquals(1001, synAck.ack);
        assertEquals(1460, synAck.mssOption, "advmss from the host's MTU");
        assertEquals(LOCAL, synAck.src);
        host.sim.run(999_000_000L);
        assertEquals(1, host.sent.size(), "nothing before TCP_TIMEOUT_INIT");
        host.sim.run(1_000_000_000L);
        assertEquals(2, host.sent.size(), "the SYN-ACK again at 1 s, on the host's clock");
        assertEquals(synAck.seq, host.sent.get(1).seq);
    }

    @Test
    void no_class_of_the_tcp_core_reaches_into_the_topology_or_the_engine_loop() throws IOException {
        Path dir = Path.of("src/main/java/org/tcpsim/tcp");
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                if (f.getFileName().toString().equals("TopologyHost.java")) {
                    continue; // the adapter for hosts of a topology
                }
                String text = Files.readString(f);
                for (String banned : List.of("org.tcpsim.net.Host;", "org.tcpsim.net.Interface;",
                        "org.tcpsim.engine.Simulation;", "org.tcpsim.net.Network;", "org.tcpsim.net.Link;")) {
                    if (text.contains("import " + banned)) {
                        offenders.add(dir.relativize(f) + " imports " + banned);
                    }
                }
            }
        }
        assertTrue(offenders.isEmpty(), String.join("\n", offenders));
    }
}
