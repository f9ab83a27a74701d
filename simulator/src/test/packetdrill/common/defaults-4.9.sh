#!/bin/sh
# The init of the 4.9-profile scripts (4.9/): the settings of defaults.sh that Linux 4.9
# has, with 4.9's defaults where they differ (tcp_tw_reuse is a boolean, default 0, and there is no
# tcp_syn_linear_timeouts, tcp_tw_reuse_delay, tcp_rto_min_us or SACK compression), plus
# tcp_tw_recycle (removed in 4.12). This kernel (6.18) cannot run these scripts: tcpsim runs them
# with --kernel 4.9, and they are checked against the 4.9 source only.
sysctl -q net.ipv4.tcp_rmem="4096 131072 6291456"
sysctl -q net.ipv4.tcp_wmem="4096 262144 4194304"
sysctl -q net.ipv4.tcp_timestamps=1
sysctl -q net.ipv4.tcp_sack=1
sysctl -q net.ipv4.tcp_dsack=1
sysctl -q net.ipv4.tcp_window_scaling=1
sysctl -q net.ipv4.tcp_syn_retries=6
sysctl -q net.ipv4.tcp_synack_retries=5
sysctl -q net.ipv4.tcp_syncookies=1
sysctl -q net.ipv4.tcp_max_syn_backlog=1024
sysctl -q net.core.somaxconn=128
sysctl -q net.ipv4.tcp_abort_on_overflow=0
sysctl -q net.ipv4.tcp_frto=2
sysctl -q net.ipv4.tcp_recovery=1
sysctl -q net.ipv4.tcp_early_retrans=3
sysctl -q net.ipv4.tcp_reordering=3
sysctl -q net.ipv4.tcp_congestion_control=cubic
sysctl -q net.ipv4.tcp_slow_start_after_idle=1
sysctl -q net.ipv4.tcp_autocorking=0
sysctl -q net.ipv4.tcp_no_metrics_save=1
sysctl -q net.ipv4.tcp_tw_reuse=0
sysctl -q net.ipv4.tcp_tw_recycle=0
sysctl -q net.ipv4.tcp_fin_timeout=60
sysctl -q net.ipv4.tcp_rfc1337=0
sysctl -q net.ipv4.tcp_keepalive_time=7200
sysctl -q net.ipv4.tcp_keepalive_intvl=75
sysctl -q net.ipv4.tcp_keepalive_probes=9
sysctl -q net.ipv4.tcp_retries2=15
sysctl -q net.ipv4.tcp_orphan_retries=0
sysctl -q net.ipv4.tcp_invalid_ratelimit=500
sysctl -q net.ipv4.tcp_moderate_rcvbuf=1
