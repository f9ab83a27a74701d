/**
 * Congestion control modules, as Linux writes them against {@code struct tcp_congestion_ops}
 * (include/net/tcp.h). A module is a {@link org.tcpsim.api.congestion.CongestionControlType}
 * (the registered ops: name, parameters, a factory of per-socket state) and a
 * {@link org.tcpsim.api.congestion.CongestionControl} per socket (the hooks plus
 * {@code icsk_ca_priv}); it sees its socket only through {@link org.tcpsim.api.congestion.TcpSock},
 * as a Linux module sees only {@code struct sock *sk}. {@link org.tcpsim.api.congestion.TcpCong}
 * holds the helpers tcp_cong.c exports to modules (tcp_slow_start, tcp_cong_avoid_ai, the Reno
 * functions). Counts are packets, as Linux keeps snd_cwnd; values the kernel holds as {@code u32}
 * are Java {@code int}s compared unsigned where it matters.
 */
package org.tcpsim.api.congestion;
