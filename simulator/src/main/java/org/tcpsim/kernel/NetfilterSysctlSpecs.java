package org.tcpsim.kernel;

import static org.tcpsim.kernel.KernelVersion.V4_9;
import static org.tcpsim.kernel.KernelVersion.V6_18;
import static org.tcpsim.kernel.SpecBuilder.INT_MAX;
import static org.tcpsim.kernel.SpecBuilder.INT_MIN;
import static org.tcpsim.kernel.SpecBuilder.JIFFY_SECONDS_MAX;
import static org.tcpsim.kernel.SpecBuilder.U8_MAX;
import static org.tcpsim.kernel.SpecBuilder.bool;
import static org.tcpsim.kernel.SpecBuilder.integer;
import static org.tcpsim.kernel.SysctlNames.*;

import java.util.ArrayList;
import java.util.List;

/**
 * Conntrack knobs used by NAT gateways: table size and the TCP state timeouts
 * (net/netfilter/nf_conntrack_proto_tcp.c: tcp_timeouts; nf_conntrack_standalone.c).
 */
final class NetfilterSysctlSpecs {
    private NetfilterSysctlSpecs() {
    }

    private static SysctlSpec timeout(String name, long seconds, String when) {
        String def = Long.toString(seconds);
        return integer(name).unit("seconds")
                .doc("Conntrack timeout of a TCP flow " + when + "; default " + def
                    + " (nf_conntrack_proto_tcp.c: tcp_timeouts)")
                .on(V6_18, def, -JIFFY_SECONDS_MAX, JIFFY_SECONDS_MAX)
                .on(V4_9, def, -JIFFY_SECONDS_MAX, JIFFY_SECONDS_MAX).build();
    }

    static List<SysctlSpec> all() {
        List<SysctlSpec> specs = new ArrayList<>();
        specs.add(integer(NF_CONNTRACK_MAX).unit("entries")
                .doc("Conntrack table limit; a new flow past it evicts a non-ASSURED entry or is dropped; default = "
                    + "hash buckets (RAM/128 KiB; 65536 above 1 GiB, 262144 above 4 GiB), 4.9: 4 x buckets, "
                    + "RAM-derived, 16 GiB if unstated (nf_conntrack_core.c: nf_conntrack_init_start)")
                .onMemory(V6_18, m -> Long.toString(m.nfConntrackMax(V6_18)), "buckets x 1", 0, INT_MAX)
                .onMemory(V4_9, m -> Long.toString(m.nfConntrackMax(V4_9)), "buckets x 4", INT_MIN, INT_MAX)
                .build());
        specs.add(timeout(NF_CONNTRACK_TCP_TIMEOUT_SYN_SENT, 120, "in SYN_SENT (SYN seen, no answer yet)"));
        specs.add(timeout(NF_CONNTRACK_TCP_TIMEOUT_SYN_RECV, 60, "in SYN_RECV (SYN-ACK seen)"));
        specs.add(timeout(NF_CONNTRACK_TCP_TIMEOUT_ESTABLISHED, 432000, "in ESTABLISHED (5 days)"));
        specs.add(timeout(NF_CONNTRACK_TCP_TIMEOUT_FIN_WAIT, 120, "in FIN_WAIT (first FIN seen)"));
        specs.add(timeout(NF_CONNTRACK_TCP_TIMEOUT_CLOSE_WAIT, 60, "in CLOSE_WAIT (FIN acknowledged)"));
        specs.add(timeout(NF_CONNTRACK_TCP_TIMEOUT_LAST_ACK, 30, "in LAST_ACK (both FINs seen)"));
        specs.add(timeout(NF_CONNTRACK_TCP_TIMEOUT_TIME_WAIT, 120, "in TIME_WAIT"));
        specs.add(timeout(NF_CONNTRACK_TCP_TIMEOUT_CLOSE, 10, "in CLOSE (after an RST)"));
        specs.add(timeout(NF_CONNTRACK_TCP_TIMEOUT_MAX_RETRANS, 300,
                "once a segment was retransmitted nf_conntrack_tcp_max_retrans times without an ACK (a cap)"));
        specs.add(timeout(NF_CONNTRACK_TCP_TIMEOUT_UNACKNOWLEDGED, 300,
                "while data is unacknowledged or the window is zero (a cap)"));
        specs.add(bool(NF_CONNTRACK_TCP_LOOSE)
                .doc("1 = pick up already established TCP flows from mid-stream packets; default 1 "
                    + "(nf_conntrack_proto_tcp.c: tcp_new)")
                .on(V6_18, "1", 0, 1).on(V4_9, "1", INT_MIN, INT_MAX).build());
        specs.add(bool(NF_CONNTRACK_TCP_BE_LIBERAL)
                .doc("1 = only RST segments are window-checked, other out-of-window packets are not INVALID; "
                    + "default 0 (nf_conntrack_proto_tcp.c: tcp_in_window)")
                .on(V6_18, "0", 0, 1).on(V4_9, "0", INT_MIN, INT_MAX).build());
        specs.add(integer(NF_CONNTRACK_TCP_MAX_RETRANS).unit("retransmissions")
                .doc("Retransmissions of the same segment without an ACK after which timeout_max_retrans applies; "
                    + "default 3 (nf_conntrack_proto_tcp.c: tcp_packet)")
                .on(V6_18, "3", 0, U8_MAX).on(V4_9, "3", INT_MIN, INT_MAX).build());
        return List.copyOf(specs);
    }
}
