package org.tcpsim.kernel;

import static org.tcpsim.kernel.KernelVersion.V4_9;
import static org.tcpsim.kernel.KernelVersion.V6_18;
import static org.tcpsim.kernel.SpecBuilder.INT_MAX;
import static org.tcpsim.kernel.SpecBuilder.INT_MIN;
import static org.tcpsim.kernel.SpecBuilder.ULONG_MAX;
import static org.tcpsim.kernel.SpecBuilder.integer;
import static org.tcpsim.kernel.SpecBuilder.ports;
import static org.tcpsim.kernel.SpecBuilder.vector;
import static org.tcpsim.kernel.SysctlNames.*;

import java.util.List;

/** Port-range knobs (net.ipv4.ip_*), net.core socket and softirq knobs, and fs file limits. */
final class NetSysctlSpecs {
    /** SOCK_MIN_RCVBUF = 2048 + SKB_DATA_ALIGN(sizeof(struct sk_buff)) on x86-64 (include/net/sock.h). */
    static final long SOCK_MIN_RCVBUF = 2304;
    /** SOCK_MIN_SNDBUF = 2 x SOCK_MIN_RCVBUF. */
    static final long SOCK_MIN_SNDBUF = 4608;
    /** sysctl_nr_open_max: min(INT_MAX, SIZE_MAX/sizeof(void *)) rounded down to BITS_PER_LONG (fs/file.c). */
    static final long NR_OPEN_MAX = 2147483584L;

    private NetSysctlSpecs() {
    }

    static List<SysctlSpec> all() {
        return List.of(
            vector(IP_LOCAL_PORT_RANGE, "LOW", "HIGH")
                .syntax("two port numbers \"LOW HIGH\" (1-65535, LOW <= HIGH, e.g. \"32768 60999\")")
                .doc("Ephemeral ports for connect() and bind(0); ends of different parity are preferred (connect "
                    + "starts with LOW's parity); default 32768 60999 (af_inet.c: inet_init_net; "
                    + "sysctl_net_ipv4.c: ipv4_local_port_range)")
                .on(V6_18, "32768 60999", 1, 65535, "LOW <= HIGH, LOW >= ip_unprivileged_port_start")
                .on(V4_9, "32768 60999", 1, 65535, "LOW <= HIGH").build(),
            ports(IP_LOCAL_RESERVED_PORTS)
                .doc("Ports connect() and bind(0) never pick (explicit binds still work); default empty "
                    + "(proc_do_large_bitmap; inet_is_local_reserved_port)")
                .on(V6_18, "", 0, 65535).on(V4_9, "", 0, 65535).build(),
            integer(IP_UNPRIVILEGED_PORT_START).history("added in 4.11")
                .doc("Lowest port an unprivileged process may bind; ip_local_port_range LOW may not go below it; "
                    + "default 1024 (PROT_SOCK, inet_init_net; sysctl_net_ipv4.c: ipv4_privileged_ports)")
                .on(V6_18, "1024", 0, 65535, "must not exceed ip_local_port_range LOW").build(),

            integer(SOMAXCONN).unit("connections")
                .doc("Cap on the listen() backlog; the accept queue holds backlog+1; default 4096 "
                    + "(SOMAXCONN, include/linux/socket.h; socket.c: __sys_listen_socket), 128 before 5.4")
                .on(V6_18, "4096", 0, INT_MAX).on(V4_9, "128", 0, 65535, "USHRT_MAX before 5.4").build(),
            integer(RMEM_DEFAULT).unit("bytes")
                .doc("Initial receive buffer of non-TCP sockets (TCP starts from tcp_rmem DEFAULT); default 212992 "
                    + "(SK_RMEM_DEFAULT = 256 x SKB_TRUESIZE(256) on x86-64, net/core/sock.c)")
                .on(V6_18, "212992", SOCK_MIN_RCVBUF, INT_MAX).on(V4_9, "212992", SOCK_MIN_RCVBUF, INT_MAX).build(),
            integer(RMEM_MAX).unit("bytes")
                .doc("Largest SO_RCVBUF a socket may request (the kernel doubles it); default 4194304, "
                    + "4.9: 212992 (net/core/sock.c: sysctl_rmem_max, __sock_set_rcvbuf)")
                .on(V6_18, "4194304", SOCK_MIN_RCVBUF, INT_MAX).on(V4_9, "212992", SOCK_MIN_RCVBUF, INT_MAX).build(),
            integer(WMEM_DEFAULT).unit("bytes")
                .doc("Initial send buffer of non-TCP sockets (TCP starts from tcp_wmem DEFAULT); default 212992 "
                    + "(SK_WMEM_DEFAULT, net/core/sock.c)")
                .on(V6_18, "212992", SOCK_MIN_SNDBUF, INT_MAX).on(V4_9, "212992", SOCK_MIN_SNDBUF, INT_MAX).build(),
            integer(WMEM_MAX).unit("bytes")
                .doc("Largest SO_SNDBUF a socket may request (the kernel doubles it); default 4194304, "
                    + "4.9: 212992 (net/core/sock.c: sysctl_wmem_max, sk_setsockopt)")
                .on(V6_18, "4194304", SOCK_MIN_SNDBUF, INT_MAX).on(V4_9, "212992", SOCK_MIN_SNDBUF, INT_MAX).build(),
            integer(NETDEV_MAX_BACKLOG).unit("packets")
                .doc("Per-CPU input queue for netif_rx, loopback and RPS traffic (holds max+1; drops in softnet_stat); "
                    + "default 1000 (net/core/hotdata.c; dev.c: enqueue_to_backlog)")
                .on(V6_18, "1000", INT_MIN, INT_MAX).on(V4_9, "1000", INT_MIN, INT_MAX).build(),
            integer(NETDEV_BUDGET).unit("packets")
                .doc("Packets one NET_RX softirq run may process over all NAPI instances; default 300 "
                    + "(net/core/hotdata.c; dev.c: net_rx_action)")
                .on(V6_18, "300", INT_MIN, INT_MAX).on(V4_9, "300", INT_MIN, INT_MAX).build(),
            integer(NETDEV_BUDGET_USECS).unit("microseconds").history("added in 4.12")
                .doc("Time limit of one NET_RX softirq run; default 2 jiffies = 2000 at HZ=1000 "
                    + "(net/core/hotdata.c; dev.c: net_rx_action); 4.9 fixes 2 jiffies")
                .on(V6_18, "2000", 0, INT_MAX).build(),
            integer(DEV_WEIGHT).unit("packets")
                .doc("Per-NAPI poll quota per softirq pass (the backlog NAPI uses dev_weight x dev_weight_rx_bias); "
                    + "default 64 (net/core/hotdata.c: weight_p; sysctl_net_core.c: proc_do_dev_weight)")
                .on(V6_18, "64", 1, INT_MAX, "0 is refused since 6.14").on(V4_9, "64", INT_MIN, INT_MAX).build(),

            integer(FILE_MAX).unit("files")
                .doc("System-wide limit of open files (ENFILE beyond it); default 10% of RAM in KiB, at least 8192, "
                    + "RAM-derived, 16 GiB if unstated (fs/file_table.c: files_maxfiles_init; "
                    + "systemd >= 240 sets LONG_MAX)")
                .onMemory(V6_18, m -> Long.toString(m.fileMax()), "max(RAM KiB/10, 8192)", 0, ULONG_MAX)
                .onMemory(V4_9, m -> Long.toString(m.fileMax()), "max(RAM KiB/10, 8192)", 0, ULONG_MAX).build(),
            integer(NR_OPEN).unit("files")
                .doc("Upper bound for RLIMIT_NOFILE (ulimit -n) and the fd table size; default 1048576 "
                    + "(fs/file.c: sysctl_nr_open)")
                .on(V6_18, "1048576", 64, NR_OPEN_MAX).on(V4_9, "1048576", 64, NR_OPEN_MAX).build());
    }
}
