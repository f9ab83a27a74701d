package org.tcpsim.packetdrill;

import java.util.List;
import org.tcpsim.packetdrill.Syscalls.Attempt;
import org.tcpsim.packetdrill.Syscalls.Ret;
import org.tcpsim.tcp.SocketOptionCalls;
import org.tcpsim.plugin.PluginRegistry;

/**
 * setsockopt() and getsockopt(): before listen() or connect() the options wait in the socket's
 * {@link SockOpts}; after, they go to the live socket through {@link SocketOptionCalls}. An option
 * the model has no counterpart for is UNSUPPORTED, naming it.
 */
final class SockOptions {
    private static final List<String> BEFORE_OPEN = List.of("SO_REUSEADDR", "SO_SNDBUF", "SO_RCVBUF", "SO_KEEPALIVE",
            "TCP_NODELAY", "TCP_USER_TIMEOUT", "TCP_KEEPIDLE", "TCP_KEEPINTVL", "TCP_KEEPCNT", "TCP_CONGESTION",
            "TCP_SYNCNT", "TCP_MAXSEG", "TCP_NOTSENT_LOWAT", "IP_TOS", "IP_MTU_DISCOVER");

    private final ScriptRun run;
    private final Calls calls;

    SockOptions(ScriptRun run, Calls calls) {
        this.run = run;
        this.calls = calls;
    }

    private static String name(Expr e) {
        return e instanceof Expr.Word w ? w.name() : String.valueOf(e);
    }

    Attempt set(List<Expr> a) {
        if (a.size() != 5) {
            throw calls.error("setsockopt", "expected 5 args but got " + a.size());
        }
        Sock s = calls.sock("setsockopt", calls.num("setsockopt", a.get(0)));
        String opt = name(a.get(2));
        Expr val = a.get(3);
        return () -> {
            if (opt.equals("SO_LINGER")) {
                if (!(val instanceof Expr.Linger l)) {
                    throw calls.error("setsockopt", "SO_LINGER needs {onoff=..., linger=...}");
                }
                if (l.onoff() != 0 && l.linger() != 0) {
                    throw calls.unsupported("setsockopt SO_LINGER with a timeout");
                }
                if (s.live != null) {
                    SocketOptionCalls.setLinger(s.live, l.onoff() != 0, (int) l.linger());
                } else {
                    s.opts.lingerZero = l.onoff() != 0;
                }
                return Ret.ok(0);
            }
            if (opt.equals("TCP_CONGESTION")) {
                if (!(val instanceof Expr.Str str)) {
                    throw calls.error("setsockopt", "TCP_CONGESTION needs a string");
                }
                if (!PluginRegistry.builtin().congestionControls().containsKey(str.value())) {
                    return Ret.err("ENOENT");
                }
                if (s.live != null || s.listener != null) {
                    throw calls.unsupported("setsockopt TCP_CONGESTION after connect/listen");
                }
                s.opts.congestion = PluginRegistry.builtin().congestionDefaults(str.value());
                return Ret.ok(0);
            }
            long v = calls.num("setsockopt", val);
            if (opt.equals("IP_FREEBIND")) {
                s.opts.freebind = v != 0; // any time; an accepted socket inherits it (sk_clone_lock)
                return Ret.ok(0);
            }
            if (opt.equals("TCP_INQ") && s.live == null) {
                if (v < 0 || v > 1) {
                    return Ret.err("EINVAL"); // do_tcp_setsockopt
                }
                s.opts.inq = v == 1; // a listener's passes to its children (the tcp_sock is cloned)
                return Ret.ok(0);
            }
            if (s.live == null && s.listener == null) {
                if (!BEFORE_OPEN.contains(opt)) {
                    throw calls.unsupported("setsockopt " + opt);
                }
                switch (opt) {
                    case "SO_REUSEADDR" -> s.opts.reuseAddr = v != 0;
                    // kept as asked (capped as sk_setsockopt's min_t(u32, ...) and __sock_set_sndbuf's INT_MAX / 2
                    // do); the socket doubles it when made (SocketOptionCalls.sockSndbuf / sockRcvbuf), and 0
                    // gives the locked minimum, SOCK_MIN_SNDBUF / SOCK_MIN_RCVBUF (-1 is "not set")
                    case "SO_SNDBUF" -> s.opts.sndbuf = (int) Math.min(v & 0xffffffffL, Integer.MAX_VALUE / 2);
                    case "SO_RCVBUF" -> s.opts.rcvbuf = (int) Math.min(v & 0xffffffffL, Integer.MAX_VALUE / 2);
                    case "SO_KEEPALIVE" -> s.opts.keepAlive = v != 0;
                    case "TCP_NODELAY" -> s.opts.noDelay = v != 0;
                    case "TCP_USER_TIMEOUT" -> s.opts.userTimeoutMs = (int) v;
                    case "TCP_KEEPIDLE" -> s.opts.keepIdleS = (int) v;
                    case "TCP_KEEPINTVL" -> s.opts.keepIntvlS = (int) v;
                    case "TCP_KEEPCNT" -> s.opts.keepCnt = (int) v;
                    case "TCP_SYNCNT" -> {
                        if (v < 1 || v > 127) {
                            return Ret.err("EINVAL"); // MAX_TCP_SYNCNT
                        }
                        s.opts.synCnt = (int) v;
                    }
                    case "TCP_MAXSEG" -> {
                        if (!SocketOptionCalls.validMaxseg(v)) {
                            return Ret.err("EINVAL");
                        }
                        s.opts.userMss = (int) v;
                    }
                    case "TCP_NOTSENT_LOWAT" -> s.opts.notsentLowat = (int) v;
                    case "IP_TOS" -> s.opts.ipTos = SocketOptionCalls.ipTos(s.opts.ipTos, v);
                    case "IP_MTU_DISCOVER" -> {
                        if (!SocketOptionCalls.validPmtudisc(v)) {
                            return Ret.err("EINVAL");
                        }
                        s.opts.pmtudisc = (int) v;
                    }
                    default -> throw calls.unsupported("setsockopt " + opt);
                }
                return Ret.ok(0);
            }
            if (s.listener != null) {
                try {
                    String errno = SocketOptionCalls.setOnListener(s.listener, opt, v);
                    return errno == null ? Ret.ok(0) : Ret.err(errno);
                } catch (SocketOptionCalls.NotModelled e) {
                    throw calls.unsupported("setsockopt " + opt + " on a listening socket");
                }
            }
            try {
                String errno = SocketOptionCalls.set(s.live, opt, v, run.nowNs());
                return errno == null ? Ret.ok(0) : Ret.err(errno);
            } catch (SocketOptionCalls.NotModelled e) {
                throw calls.unsupported("setsockopt " + opt + " on a connected socket");
            }
        };
    }

    Attempt get(List<Expr> a) {
        if (a.size() != 5) {
            throw calls.error("getsockopt", "expected 5 args but got " + a.size());
        }
        Sock s = calls.sock("getsockopt", calls.num("getsockopt", a.get(0)));
        String opt = name(a.get(2));
        Expr val = a.get(3);
        Expr len = a.get(4);
        return () -> {
            long actual;
            if (opt.equals("SO_ERROR")) {
                String e = s.pendingError;
                s.pendingError = null;
                actual = e == null ? 0 : Symbols.errno(e);
            } else if (opt.equals("IP_FREEBIND")) {
                actual = s.opts.freebind ? 1 : 0;
            } else if (opt.equals("TCP_INQ") && s.live == null) {
                actual = s.opts.inq ? 1 : 0;
            } else if (s.live != null) {
                try {
                    actual = SocketOptionCalls.get(s.live, opt);
                } catch (SocketOptionCalls.NotModelled e) {
                    throw calls.unsupported("getsockopt " + opt);
                }
            } else {
                try {
                    actual = s.listener != null ? SocketOptionCalls.getOnListener(s.listener, opt)
                            : SocketOptionCalls.getUnconnected(run.stack, s.opts.toOptions(), opt);
                } catch (SocketOptionCalls.NotModelled e) {
                    throw calls.unsupported("getsockopt " + opt + (s.listener != null ? " on a listening socket"
                            : " before connect/listen"));
                }
            }
            if (len instanceof Expr.Array l && l.items().size() == 1 && calls.num("getsockopt", l) != 4) {
                throw calls.error("getsockopt", "Unsupported getsockopt optlen: " + calls.num("getsockopt", l));
            }
            if (val instanceof Expr.Array arr && arr.items().size() == 1
                    && !(arr.items().get(0) instanceof Expr.Ellipsis)) {
                long want = calls.num("getsockopt", arr.items().get(0));
                if ((int) want != (int) actual) {
                    throw calls.error("getsockopt", "Bad getsockopt optval: expected: " + want + " actual: "
                            + actual);
                }
            } else if (!(val instanceof Expr.Ellipsis) && !(val instanceof Expr.Array)) {
                throw calls.unsupported("getsockopt " + opt + " into " + val);
            }
            return Ret.ok(0);
        };
    }

    /** After listen(): nothing beyond what travelled in the options. */
    void applyToListener(Sock s) {
    }

    /** After connect(): nothing beyond what travelled in the options. */
    void applyAfterOpen(Sock s) {
        if (s.opts.synCnt > 0) {
            SocketOptionCalls.set(s.live, "TCP_SYNCNT", s.opts.synCnt, run.nowNs());
        }
        if (s.opts.inq) {
            SocketOptionCalls.set(s.live, "TCP_INQ", 1, run.nowNs());
        }
    }

    /** An accepted socket has its listener's options (the kernel copies them into the child). */
    void inherit(Sock listener, Sock child) {
        child.opts.freebind = listener.opts.freebind;
        if (listener.opts.inq) {
            SocketOptionCalls.set(child.live, "TCP_INQ", 1, run.nowNs());
        }
    }
}
