#!/bin/sh
# tcpsim's own conformance scripts start from these settings (Linux 6.18 profile).
# On Linux each script runs in a fresh network namespace (../shared/linux-reference/packetdrill/
# run-on-linux), and tcpsim's packetdrill runner reads the same assignments into its simulated host.
# One sysctl per line, literal values only, so both readers agree.
#
# Most lines restate the kernel default, so a new namespace (which copies some values from the
# host: tcp_rmem, tcp_wmem, the congestion control) and tcpsim's host start out the same.
# The few that differ from the defaults, and why:
#   tcp_rmem[2] 6 MiB       window scale 7 whatever the host's memory (ilog2(6 MiB) - 15)
#   tcp_wmem[1] 256 KiB     writes of the scripts never block on the send buffer
#   tcp_autocorking 0       tcpsim does not model autocorking (one segment per write on Linux too)
#   tcp_no_metrics_save 1   a second connection in a script does not start from the first one's
#                           cached RTT (tcpsim has no tcp_metrics cache)
sysctl -q net.ipv4.tcp_rmem="4096 131072 6291456"
sysctl -q net.ipv4.tcp_wmem="4096 262144 4194304"
sysctl -q net.ipv4.tcp_timestamps=1
sysctl -q net.ipv4.tcp_sack=1
sysctl -q net.ipv4.tcp_dsack=1
sysctl -q net.ipv4.tcp_window_scaling=1
sysctl -q net.ipv4.tcp_syn_retries=6
sysctl -q net.ipv4.tcp_synack_retries=5
sysctl -q net.ipv4.tcp_syn_linear_timeouts=4
sysctl -q net.ipv4.tcp_syncookies=1
sysctl -q net.ipv4.tcp_max_syn_backlog=1024
sysctl -q net.core.somaxconn=4096
sysctl -q net.ipv4.tcp_abort_on_overflow=0
sysctl -q net.ipv4.tcp_frto=2
sysctl -q net.ipv4.tcp_recovery=1
sysctl -q net.ipv4.tcp_early_retrans=3
sysctl -q net.ipv4.tcp_reordering=3
sysctl -q net.ipv4.tcp_congestion_control=cubic
sysctl -q net.ipv4.tcp_slow_start_after_idle=1
sysctl -q net.ipv4.tcp_autocorking=0
sysctl -q net.ipv4.tcp_no_metrics_save=1
sysctl -q net.ipv4.tcp_tw_reuse=2
sysctl -q net.ipv4.tcp_tw_reuse_delay=1000
sysctl -q net.ipv4.tcp_fin_timeout=60
sysctl -q net.ipv4.tcp_rfc1337=0
sysctl -q net.ipv4.tcp_keepalive_time=7200
sysctl -q net.ipv4.tcp_keepalive_intvl=75
sysctl -q net.ipv4.tcp_keepalive_probes=9
sysctl -q net.ipv4.tcp_retries2=15
sysctl -q net.ipv4.tcp_orphan_retries=0
sysctl -q net.ipv4.tcp_invalid_ratelimit=500
sysctl -q net.ipv4.tcp_rto_min_us=200000
sysctl -q net.ipv4.tcp_comp_sack_delay_ns=1000000
sysctl -q net.ipv4.tcp_comp_sack_nr=44
sysctl -q net.ipv4.tcp_moderate_rcvbuf=1
