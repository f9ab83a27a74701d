package org.tcpsim.tcp;

/**
 * setsockopt() and getsockopt() on a live socket, by the options' Linux names, with the kernel's
 * rules (net/core/sock.c: sk_setsockopt, sk_getsockopt; net/ipv4/tcp.c: do_tcp_setsockopt,
 * do_tcp_getsockopt). Options set before connect() or listen() travel in {@link SocketOptions};
 * these are the calls on a socket that already has a connection.
 */
public final class SocketOptionCalls {
    /** MAX_TCP_KEEPIDLE (and MAX_TCP_KEEPINTVL): 32767 s. */
    static final int MAX_TCP_KEEPIDLE = 32767;
    /** MAX_TCP_SYNCNT and MAX_TCP_KEEPCNT: 127. */
    static final int MAX_TCP_SYNCNT_OR_KEEPCNT = 127;
    /** SOCK_MIN_SNDBUF: 2 * TCP_SKB_MIN_TRUESIZE (2048 + the skb header rounded up). */
    static final int SOCK_MIN_SNDBUF = 2 * (2048 + 256);
    /** SOCK_MIN_RCVBUF: TCP_SKB_MIN_TRUESIZE. */
    static final int SOCK_MIN_RCVBUF = 2048 + 256;
    /** TCP_MIN_MSS and MAX_TCP_WINDOW: the range tcp_sock_set_maxseg takes (0 clears it). */
    static final int TCP_MIN_MSS = 88;
    static final int MAX_TCP_WINDOW = 32767;

    private SocketOptionCalls() {
    }

    /** Thrown for an option the model does not have on a live socket. */
    public static final class NotModelled extends RuntimeException {
        public NotModelled(String option) {
            super(option, null, false, false);
        }
    }

    /**
     * setsockopt(level, {@code option}, [value]) on an open connection; returns null on success,
     * else the errno name Linux returns.
     *
     * @throws NotModelled for an option the model does not have
     */
    public static String set(TcpSocket s, String option, long value, long now) {
        switch (option) {
            case "SO_REUSEADDR" -> s.options = s.options.withReuseAddr(value != 0);
            case "TCP_NODELAY" -> {
                // __tcp_sock_set_nodelay: Nagle off also pushes what it was holding (tcp_push_pending_frames)
                s.options = s.options.withNoDelay(value != 0);
                if (value != 0) {
                    s.snd.nonagle |= TcpSendmsg.NAGLE_OFF | TcpSendmsg.NAGLE_PUSH;
                    s.out.push(now);
                } else {
                    s.snd.nonagle &= ~TcpSendmsg.NAGLE_OFF;
                }
            }
            case "TCP_CORK" -> {
                // __tcp_sock_set_cork: uncorking pushes the partial segment held back
                if (value != 0) {
                    s.snd.nonagle |= TcpSendmsg.NAGLE_CORK;
                } else {
                    s.snd.nonagle &= ~TcpSendmsg.NAGLE_CORK;
                    if ((s.snd.nonagle & TcpSendmsg.NAGLE_OFF) != 0) {
                        s.snd.nonagle |= TcpSendmsg.NAGLE_PUSH;
                    }
                    s.out.push(now);
                }
            }
            case "TCP_USER_TIMEOUT" -> {
                if (value < 0) {
                    return "EINVAL";
                }
                s.options = s.options.withUserTimeoutMs((int) value);
            }
            case "SO_SNDBUF" -> {
                // __sock_set_sndbuf: at most wmem_max, doubled for overhead, locked against autotuning
                long v = Math.min(value & 0xffffffffL, s.stack.settings.wmemMax);
                s.options = s.options.withSndbuf((int) v);
                s.snd.sndbuf = sockSndbuf(v, s.stack.settings);
                s.snd.sndbufLocked = true;
                StreamSpace.wakeWriter(s, now);
            }
            case "SO_RCVBUF" -> {
                // __sock_set_rcvbuf: at most rmem_max, doubled, at least SOCK_MIN_RCVBUF, and locked: DRS
                // (tcp_rcvbuf_grow) stops; window_clamp and rcv_ssthresh stay, the next windows come from
                // the new buffer's free space (__tcp_select_window)
                long v = Math.min(value & 0xffffffffL, s.stack.settings.rmemMax);
                s.options = s.options.withRcvbuf((int) v);
                s.rcv.rcvbuf = sockRcvbuf(v, s.stack.settings);
                s.rcv.locked = true;
            }
            case "SO_KEEPALIVE" -> {
                // sk_setsockopt -> tcp_set_keepalive: on a live connection the timer starts (idle
                // time from now, idleness from when the peer was last heard) or stops
                SocketOptions o = s.options;
                s.options = o.withKeepalive(value != 0, o.keepIdleS(), o.keepIntvlS(), o.keepCnt());
                if (value != 0 && s.keepalive == null) {
                    s.keepalive = new Keepalive(s, s.options, s.stack.settings);
                    if (s.state.synchronizedState() && s.state != TcpState.TIME_WAIT) {
                        s.keepalive.startLate(s.heardNs, now);
                    }
                } else if (value == 0 && s.keepalive != null) {
                    s.keepalive.stop();
                    s.keepalive = null;
                }
            }
            case "TCP_KEEPIDLE", "TCP_KEEPINTVL" -> {
                if (value < 1 || value > MAX_TCP_KEEPIDLE) {
                    return "EINVAL"; // MAX_TCP_KEEPIDLE and MAX_TCP_KEEPINTVL are both 32767
                }
                SocketOptions o = s.options;
                boolean idle = option.equals("TCP_KEEPIDLE");
                s.options = o.withKeepalive(o.keepAlive(), idle ? (int) value : o.keepIdleS(),
                        idle ? o.keepIntvlS() : (int) value, o.keepCnt());
                if (s.keepalive != null && idle) {
                    s.keepalive.setIdle(value * 1_000_000_000L, now); // tcp_sock_set_keepidle_locked
                } else if (s.keepalive != null) {
                    s.keepalive.setInterval(value * 1_000_000_000L);
                }
            }
            case "TCP_KEEPCNT" -> {
                if (value < 1 || value > MAX_TCP_SYNCNT_OR_KEEPCNT) {
                    return "EINVAL";
                }
                SocketOptions o = s.options;
                s.options = o.withKeepalive(o.keepAlive(), o.keepIdleS(), o.keepIntvlS(), (int) value);
                if (s.keepalive != null) {
                    s.keepalive.setProbes((int) value);
                }
            }
            case "TCP_MAXSEG" -> {
                // tcp_sock_set_maxseg: only user_mss changes; an open connection keeps its mss_cache
                // (tcp_mss_clamp reads user_mss at tcp_connect_init and tcp_v4_syn_recv_sock only)
                if (!validMaxseg(value)) {
                    return "EINVAL";
                }
                s.options = s.options.withUserMss((int) value);
            }
            case "TCP_INQ" -> {
                if (value < 0 || value > 1) {
                    return "EINVAL"; // do_tcp_setsockopt: only 0 or 1
                }
                s.recvmsgInq = value == 1;
            }
            case "TCP_NOTSENT_LOWAT" -> {
                // do_tcp_setsockopt: tp->notsent_lowat = val, then sk_write_space (a waiting writer may go on)
                s.options = s.options.withNotsentLowat((int) value);
                StreamSpace.wakeWriter(s, now);
            }
            case "IP_TOS" -> s.options = s.options.withIpTos(ipTos(s.options.ipTos(), value));
            case "IP_MTU_DISCOVER" -> {
                if (!validPmtudisc(value)) {
                    return "EINVAL";
                }
                s.options = s.options.withPmtudisc((int) value);
            }
            case "TCP_SYNCNT" -> {
                // tcp_sock_set_syncnt: icsk_syn_retries, read by the SYN timer (tcp_write_timeout)
                if (value < 1 || value > MAX_TCP_SYNCNT_OR_KEEPCNT) {
                    return "EINVAL";
                }
                s.synRetriesOption = (int) value;
            }
            default -> throw new NotModelled(option);
        }
        return null;
    }

    /** SO_LINGER: {onoff, linger}. Only an abortive close (linger 0) or none is modelled. */
    public static void setLinger(TcpSocket s, boolean on, int seconds) {
        if (on && seconds != 0) {
            throw new NotModelled("SO_LINGER with a timeout");
        }
        s.options = s.options.withLingerZero(on);
    }

    /**
     * getsockopt(level, {@code option}) of an open connection, as the int Linux copies out.
     *
     * @throws NotModelled for an option the model does not have
     */
    public static long get(TcpSocket s, String option) {
        return switch (option) {
            case "SO_SNDBUF" -> s.snd.sndbuf;
            case "SO_RCVBUF" -> s.rcv.rcvbuf;
            case "SO_REUSEADDR" -> s.options.reuseAddr() ? 1 : 0;
            case "SO_KEEPALIVE" -> s.options.keepAlive() ? 1 : 0;
            case "TCP_NODELAY" -> (s.snd.nonagle & TcpSendmsg.NAGLE_OFF) != 0 ? 1 : 0;
            case "TCP_CORK" -> (s.snd.nonagle & TcpSendmsg.NAGLE_CORK) != 0 ? 1 : 0;
            case "TCP_USER_TIMEOUT" -> s.options.userTimeoutMs();
            case "TCP_KEEPIDLE" -> s.options.keepIdleS() > 0 ? s.options.keepIdleS()
                    : s.stack.settings.keepaliveTimeNs / 1_000_000_000L;
            case "TCP_KEEPINTVL" -> s.options.keepIntvlS() > 0 ? s.options.keepIntvlS()
                    : s.stack.settings.keepaliveIntvlNs / 1_000_000_000L;
            case "TCP_KEEPCNT" -> s.options.keepCnt() > 0 ? s.options.keepCnt() : s.stack.settings.keepaliveProbes;
            case "TCP_SYNCNT" -> s.synRetriesOption > 0 ? s.synRetriesOption : s.stack.settings.synRetries;
            case "TCP_NOTSENT_LOWAT" -> s.options.notsentLowat(); // the option alone, never the sysctl
            case "TCP_INQ" -> s.recvmsgInq ? 1 : 0;
            case "IP_TOS" -> s.options.ipTos();
            case "IP_MTU_DISCOVER" -> s.options.pmtudisc();
            // do_tcp_getsockopt: tp->mss_cache, the MSS in use (less the timestamp option); user_mss in CLOSE
            case "TCP_MAXSEG" -> s.state == TcpState.CLOSED && s.options.userMss() > 0 ? s.options.userMss()
                    : s.state == TcpState.SYN_SENT ? synSentMssCache(s) : s.snd.mss;
            default -> throw new NotModelled(option);
        };
    }

    /**
     * mss_cache in SYN_SENT, as tcp_connect_init's tcp_sync_mss left it (__tcp_mtu_to_mss): the
     * route's MTU less the IPv4 and TCP headers, at most mss_clamp (TCP_MAXSEG, else tcp_init_sock's
     * TCP_MSS_DEFAULT 536: the peer's MSS is not known yet), at least 48, then less the timestamp
     * option when net.ipv4.tcp_timestamps offers it (tcp_mtu_to_mss: tcp_header_len).
     */
    static int synSentMssCache(TcpSocket s) {
        int clamp = s.options.userMss() > 0 ? s.options.userMss() : TcpSocket.DEFAULT_MSS;
        int mss = Math.max(Math.min(s.stack.advmss(s.remoteAddress()), clamp), 48);
        return mss - (s.stack.settings.timestamps ? TcpSocket.TIMESTAMP_OPTION_BYTES : 0);
    }

    /**
     * sk_sndbuf after setsockopt(SO_SNDBUF, {@code asked}) (sk_setsockopt -> __sock_set_sndbuf): at
     * most wmem_max, doubled for the kernel's overhead, at least SOCK_MIN_SNDBUF.
     */
    public static long sockSndbuf(long asked, TcpSettings st) {
        return Math.max(2 * Math.min(asked & 0xffffffffL, st.wmemMax), SOCK_MIN_SNDBUF);
    }

    /** sk_rcvbuf after setsockopt(SO_RCVBUF, {@code asked}) (__sock_set_rcvbuf): rmem_max, doubled, SOCK_MIN_RCVBUF. */
    public static long sockRcvbuf(long asked, TcpSettings st) {
        return Math.max(2 * Math.min(asked & 0xffffffffL, st.rmemMax), SOCK_MIN_RCVBUF);
    }

    /**
     * inet->tos after setsockopt(IP_TOS, {@code asked}) on a TCP socket (__ip_sock_set_tos): the ECN
     * bits stay as they were (TCP's own, INET_ECN_MASK), the rest is the low byte asked for.
     */
    public static int ipTos(int old, long asked) {
        return (int) (asked & 0xfc) | (old & 0x3);
    }

    /** do_ip_setsockopt IP_MTU_DISCOVER: IP_PMTUDISC_DONT (0) to IP_PMTUDISC_OMIT (5), else EINVAL. */
    public static boolean validPmtudisc(long value) {
        return value >= SocketOptions.IP_PMTUDISC_DONT && value <= SocketOptions.IP_PMTUDISC_OMIT;
    }

    /** tcp_sock_set_maxseg's range: 0 (clear) or TCP_MIN_MSS to MAX_TCP_WINDOW. */
    public static boolean validMaxseg(long value) {
        return value == 0 || (value >= TCP_MIN_MSS && value <= MAX_TCP_WINDOW);
    }

    /**
     * setsockopt() on a listening socket: the options each child it accepts from now on starts
     * with (sk_clone_lock copies the listener). Returns null or the errno name.
     *
     * @throws NotModelled for an option the model does not keep on a listener
     */
    public static String setOnListener(TcpListener l, String option, long value) {
        SocketOptions o = l.options;
        switch (option) {
            case "SO_REUSEADDR" -> l.options = o.withReuseAddr(value != 0);
            case "TCP_MAXSEG" -> {
                if (!validMaxseg(value)) {
                    return "EINVAL";
                }
                l.options = o.withUserMss((int) value); // read by tcp_make_synack and the child's tcp_mss_clamp
            }
            case "TCP_NODELAY" -> l.options = o.withNoDelay(value != 0);
            case "TCP_NOTSENT_LOWAT" -> l.options = o.withNotsentLowat((int) value);
            // the buffers the children start from, and the window scale their SYN-ACKs offer (0 sets and
            // locks the minimum, SOCK_MIN_SNDBUF / SOCK_MIN_RCVBUF)
            case "SO_SNDBUF" -> l.options = o.withSndbuf((int) Math.min(value & 0xffffffffL, l.stack.settings.wmemMax));
            case "SO_RCVBUF" -> l.options = o.withRcvbuf((int) Math.min(value & 0xffffffffL, l.stack.settings.rmemMax));
            case "SO_KEEPALIVE" -> l.options = o.withKeepalive(value != 0, o.keepIdleS(), o.keepIntvlS(), o.keepCnt());
            case "TCP_KEEPIDLE", "TCP_KEEPINTVL" -> {
                if (value < 1 || value > MAX_TCP_KEEPIDLE) {
                    return "EINVAL";
                }
                boolean idle = option.equals("TCP_KEEPIDLE");
                l.options = o.withKeepalive(o.keepAlive(), idle ? (int) value : o.keepIdleS(),
                        idle ? o.keepIntvlS() : (int) value, o.keepCnt());
            }
            case "TCP_KEEPCNT" -> {
                if (value < 1 || value > MAX_TCP_SYNCNT_OR_KEEPCNT) {
                    return "EINVAL";
                }
                l.options = o.withKeepalive(o.keepAlive(), o.keepIdleS(), o.keepIntvlS(), (int) value);
            }
            case "TCP_USER_TIMEOUT" -> {
                if (value < 0) {
                    return "EINVAL";
                }
                l.options = o.withUserTimeoutMs((int) value);
            }
            // the listener's SYN-ACKs (tcp_v4_send_synack) and its children (sk_clone_lock) carry them
            case "IP_TOS" -> l.options = o.withIpTos(ipTos(o.ipTos(), value));
            case "IP_MTU_DISCOVER" -> {
                if (!validPmtudisc(value)) {
                    return "EINVAL";
                }
                l.options = o.withPmtudisc((int) value);
            }
            default -> throw new NotModelled(option);
        }
        return null;
    }

    /** getsockopt() on a listening socket (sk_state LISTEN). */
    public static long getOnListener(TcpListener l, String option) {
        return getUnconnected(l.stack, l.options, option);
    }

    /**
     * getsockopt() on a socket that has neither connected nor listened yet (or a listener): what
     * tcp_init_sock and the options set so far make of it.
     *
     * @throws NotModelled for an option the model does not have
     */
    public static long getUnconnected(TcpStack stack, SocketOptions o, String option) {
        TcpSettings st = stack.settings;
        return switch (option) {
            // tcp_init_sock: tcp_wmem[1] / tcp_rmem[1] until the application sets one
            case "SO_SNDBUF" -> o.sndbuf() >= 0 ? sockSndbuf(o.sndbuf(), st) : st.wmem[1];
            case "SO_RCVBUF" -> o.rcvbuf() >= 0 ? sockRcvbuf(o.rcvbuf(), st) : st.rmem[1];
            case "SO_REUSEADDR" -> o.reuseAddr() ? 1 : 0;
            case "SO_KEEPALIVE" -> o.keepAlive() ? 1 : 0;
            case "TCP_NODELAY" -> o.noDelay() ? 1 : 0;
            case "TCP_USER_TIMEOUT" -> o.userTimeoutMs();
            case "TCP_KEEPIDLE" -> o.keepIdleS() > 0 ? o.keepIdleS() : st.keepaliveTimeNs / 1_000_000_000L;
            case "TCP_KEEPINTVL" -> o.keepIntvlS() > 0 ? o.keepIntvlS() : st.keepaliveIntvlNs / 1_000_000_000L;
            case "TCP_KEEPCNT" -> o.keepCnt() > 0 ? o.keepCnt() : st.keepaliveProbes;
            // do_tcp_getsockopt in CLOSE or LISTEN: user_mss if set, else mss_cache as tcp_init_sock left it
            case "TCP_MAXSEG" -> o.userMss() > 0 ? o.userMss() : TcpSocket.DEFAULT_MSS;
            case "TCP_NOTSENT_LOWAT" -> o.notsentLowat();
            case "IP_TOS" -> o.ipTos();
            case "IP_MTU_DISCOVER" -> o.pmtudisc();
            default -> throw new NotModelled(option);
        };
    }
}
