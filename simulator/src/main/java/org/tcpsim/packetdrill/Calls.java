package org.tcpsim.packetdrill;

import java.io.IOException;
import java.util.List;
import org.tcpsim.packetdrill.Syscalls.Attempt;
import org.tcpsim.packetdrill.Syscalls.Ret;
import org.tcpsim.tcp.TcpError;
import org.tcpsim.tcp.TcpSocket;
import org.tcpsim.tcp.TcpState;

/**
 * The system calls a script can make, on the sockets of the local kernel: each evaluates its
 * arguments as packetdrill does and returns an {@link Attempt} that either returns or would block.
 * A call or argument the model has no counterpart for is an {@link UnsupportedConstruct}, raised
 * as {@link Unsupported} through the run. The calls that move data are {@link DataCalls}', those
 * on files and pipes {@link FileCalls}', the socket options {@link SockOptions}'.
 */
final class Calls {
    /** An unsupported construct met while running (the run ends UNSUPPORTED). */
    static final class Unsupported extends RuntimeException {
        final UnsupportedConstruct construct;

        Unsupported(UnsupportedConstruct c) {
            super(c.getMessage(), null, false, false);
            this.construct = c;
        }
    }

    private final ScriptRun run;
    private final Syscalls syscalls;
    private final SockOptions sockopts;
    private final FileCalls files;
    private final ControlCalls control;
    /** The calls that move data through a socket (FileCalls' sendfile hands its data to tcp_sendmsg there too). */
    final DataCalls data;

    Calls(ScriptRun run, Syscalls syscalls) {
        this.run = run;
        this.syscalls = syscalls;
        this.sockopts = new SockOptions(run, this);
        this.files = new FileCalls(run, this);
        this.control = new ControlCalls(this);
        this.data = new DataCalls(run, this, files);
    }

    Unsupported unsupported(String what) {
        return new Unsupported(new UnsupportedConstruct(what, run.event.line()));
    }

    ScriptFailure error(String name, String message) {
        return run.fail("runtime error in " + name + " call: " + message);
    }

    // ---- arguments ----

    long num(String call, Expr e) {
        if (e instanceof Expr.Num n) {
            return n.value();
        }
        if (e instanceof Expr.Word w) {
            Long v = Symbols.value(w.name());
            if (v == null) {
                throw unsupported(call + "() with symbol " + w.name());
            }
            return v;
        }
        if (e instanceof Expr.Or o) {
            return num(call, o.left()) | num(call, o.right());
        }
        if (e instanceof Expr.Array a && a.items().size() == 1) {
            return num(call, a.items().get(0));
        }
        if (e instanceof Expr.Unsupported u) {
            throw unsupported(call + "() with " + u.what());
        }
        throw error(call, "expected an integer argument, found " + e);
    }

    void count(String call, List<Expr> args, int n) {
        if (args.size() != n) {
            throw error(call, "expected " + n + " args but got " + args.size());
        }
    }

    void ellipsis(String call, List<Expr> args, int i, String what) {
        Expr e = args.get(i);
        if (e instanceof Expr.Unsupported u) {
            throw unsupported(call + "() with " + u.what());
        }
        if (!(e instanceof Expr.Ellipsis)) {
            throw unsupported(call + "() with an explicit " + what + " (only ... is modelled)");
        }
    }

    /** The open socket of script fd {@code fd}. */
    Sock sock(String call, long fd) {
        for (Sock s : run.socks) {
            if (!s.closed && s.scriptFd == fd) {
                return s;
            }
        }
        throw error(call, "bad script fd: " + fd);
    }

    /** end_syscall's checks: null when the call returned what the script expects. */
    String verifyResult(SyscallSpec s, Ret r) {
        long expected = expectedResult(s);
        boolean fdCheck = s.name().equals("socket") || s.name().equals("accept") || s.name().equals("open");
        int errno = r.errno() == null ? 0 : Symbols.errno(r.errno());
        if (fdCheck && expected >= 0) {
            if (r.value() < 0) {
                return "Expected non-negative result but got " + r.value() + " with errno " + errno + " ("
                        + Symbols.strerror(errno) + ")";
            }
        } else if (r.value() != expected) {
            return "Expected result " + expected + " but got " + r.value() + " with errno " + errno + " ("
                    + Symbols.strerror(errno) + ")";
        }
        if (s.errno() != null) {
            int want = Symbols.errno(s.errno());
            if (want < 0) {
                throw unsupported("errno " + s.errno());
            }
            if (want != errno) {
                return "Expected errno " + want + " (" + Symbols.strerror(want) + ") but got " + errno + " ("
                        + Symbols.strerror(errno) + ")";
            }
        }
        return null;
    }

    long expectedResult(SyscallSpec s) {
        Expr e = s.result();
        if (e instanceof Expr.Num n) {
            return (int) n.value(); // get_s32
        }
        return num(s.name(), e);
    }

    // ---- dispatch ----

    Attempt start(SyscallSpec s) {
        List<Expr> a = s.args();
        String name = s.name();
        return switch (name) {
            case "socket" -> socket(s, a);
            case "bind" -> bind(a);
            case "listen" -> listen(a);
            case "accept" -> accept(s, a);
            case "connect" -> connect(a);
            case "write", "send", "sendto", "writev", "sendmsg", "read", "recv", "recvfrom", "readv", "recvmsg" ->
                    data.start(name, a);
            case "close" -> close(a);
            case "open" -> files.open(s, a);
            case "sendfile" -> files.sendfile(a);
            case "pipe" -> files.pipe(a);
            case "splice" -> files.splice(a);
            case "shutdown" -> shutdown(a);
            case "fcntl" -> control.fcntl(a);
            case "ioctl" -> control.ioctl(a);
            case "poll" -> Poll.start(this, run, syscalls, a);
            case "setsockopt" -> sockopts.set(a);
            case "getsockopt" -> sockopts.get(a);
            default -> throw unsupported("system call " + name + "()");
        };
    }

    // ---- socket, bind, listen, accept, connect ----

    private Attempt socket(SyscallSpec s, List<Expr> a) {
        count("socket", a, 3);
        if (!(a.get(0) instanceof Expr.Ellipsis) && num("socket", a.get(0)) != 2) {
            throw unsupported("socket() of a family other than AF_INET");
        }
        long type = num("socket", a.get(1));
        long proto = num("socket", a.get(2));
        if ((type & 0xf) != 1 || (proto != 6 && proto != 0)) {
            throw unsupported("socket() other than SOCK_STREAM/IPPROTO_TCP");
        }
        long fd = expectedResult(s);
        return () -> {
            if (fd < 0) {
                return Ret.ok(3);
            }
            Sock sock = run.newSock();
            sock.scriptFd = (int) fd;
            sock.nonBlocking = (type & 04000) != 0; // SOCK_NONBLOCK
            run.sut = sock; // later packets in the script are mapped here
            return Ret.ok(fd);
        };
    }

    private Attempt bind(List<Expr> a) {
        count("bind", a, 3);
        Sock s = sock("bind", num("bind", a.get(0)));
        ellipsis("bind", a, 1, "address");
        return () -> {
            if (s.bound || s.live != null || s.listener != null) {
                return Ret.err("EINVAL");
            }
            try {
                run.stack.bind(Outbound.PORT, s.opts.reuseAddr);
            } catch (TcpError e) {
                return Ret.err(e.errno());
            }
            s.bound = true;
            return Ret.ok(0);
        };
    }

    private Attempt listen(List<Expr> a) {
        count("listen", a, 2);
        Sock s = sock("listen", num("listen", a.get(0)));
        long backlog = num("listen", a.get(1));
        return () -> {
            if (s.live != null) {
                return Ret.err("EINVAL");
            }
            if (!s.bound) {
                throw unsupported("listen() without bind() (autobind to an ephemeral port)");
            }
            if (s.listener == null) {
                try {
                    s.listener = run.stack.listen(Outbound.PORT, (int) backlog, s.opts.toOptions(),
                            syscalls.listenerCallbacks());
                } catch (TcpError e) {
                    return Ret.err(e.errno());
                }
                sockopts.applyToListener(s);
            }
            s.state = Sock.State.PASSIVE_LISTENING;
            return Ret.ok(0);
        };
    }

    private Attempt accept(SyscallSpec spec, List<Expr> a) {
        count("accept", a, 3);
        Sock l = sock("accept", num("accept", a.get(0)));
        long fd = expectedResult(spec);
        return () -> {
            if (l.listener == null) {
                return Ret.err("EINVAL");
            }
            if (l.listener.acceptQueueLength() == 0) {
                return l.nonBlocking ? Ret.err("EAGAIN") : null;
            }
            TcpSocket child = l.listener.accept(null);
            Sock s = null;
            for (Sock c : run.socks) {
                if (c.scriptFd < 0 && c.liveRemotePort == child.remotePort() && !c.closed
                        && (c.state == Sock.State.PASSIVE_SYNACK_SENT || c.state == Sock.State.PASSIVE_SYNACK_ACKED)) {
                    s = c;
                }
            }
            if (s == null) {
                throw error("accept", "unable to find socket matching accept() call");
            }
            s.scriptFd = (int) (fd >= 0 ? fd : 1000 + run.socks.indexOf(s));
            s.live = child;
            s.nonBlocking = false;
            child.attachCallbacks(syscalls.callbacks(s));
            sockopts.inherit(l, s);
            return Ret.ok(s.scriptFd);
        };
    }

    private Attempt connect(List<Expr> a) {
        count("connect", a, 3);
        Sock s = sock("connect", num("connect", a.get(0)));
        ellipsis("connect", a, 1, "address");
        boolean[] started = new boolean[1];
        return () -> {
            if (!started[0]) {
                started[0] = true;
                if (s.listener != null) {
                    return Ret.err("EISCONN");
                }
                if (s.live != null) {
                    return switch (s.live.state()) {
                        case SYN_SENT -> Ret.err("EALREADY");
                        case CLOSED -> takeError(s, "ECONNABORTED");
                        default -> Ret.err("EISCONN");
                    };
                }
                try {
                    s.live = s.bound
                            ? run.stack.connectFrom(Outbound.PORT, ScriptHost.REMOTE_ADDRESS, Outbound.PORT,
                                    s.opts.toOptions(), syscalls.callbacks(s))
                            : run.stack.connect(ScriptHost.REMOTE_ADDRESS, Outbound.PORT, s.opts.toOptions(),
                                    syscalls.callbacks(s));
                } catch (TcpError e) {
                    return Ret.err(e.errno());
                }
                sockopts.applyAfterOpen(s);
                if (s.state == Sock.State.NEW) {
                    s.state = Sock.State.ACTIVE_CONNECTING;
                }
                if (s.nonBlocking) {
                    return Ret.err("EINPROGRESS");
                }
            }
            return switch (s.live.state()) {
                case SYN_SENT -> null;
                case CLOSED -> takeError(s, "ECONNREFUSED");
                default -> Ret.ok(0);
            };
        };
    }

    /** The socket's pending error (sock_error), cleared as reading it clears it. */
    Ret takeError(Sock s, String fallback) {
        String e = s.pendingError != null ? s.pendingError : fallback;
        s.pendingError = null;
        return Ret.err(e);
    }

    // ---- close, shutdown ----

    private Attempt close(List<Expr> a) {
        count("close", a, 1);
        long fd = num("close", a.get(0));
        if (run.files.has(fd)) {
            return () -> {
                run.files.close(fd);
                return Ret.ok(0);
            };
        }
        Sock s = sock("close", fd);
        return () -> {
            s.closed = true;
            if (s.listener != null) {
                s.listener.close(run.nowNs());
            }
            if (s.live != null) {
                s.live.close(run.nowNs());
            }
            return Ret.ok(0);
        };
    }

    private Attempt shutdown(List<Expr> a) {
        count("shutdown", a, 2);
        Sock s = sock("shutdown", num("shutdown", a.get(0)));
        long how = num("shutdown", a.get(1));
        return () -> {
            if (how < 0 || how > 2) {
                return Ret.err("EINVAL");
            }
            if (s.live == null) {
                return Ret.err("ENOTCONN");
            }
            TcpState st = s.live.state();
            if (st == TcpState.SYN_SENT || st == TcpState.CLOSED) {
                return Ret.err("ENOTCONN");
            }
            if (how == 0 || how == 2) {
                s.readShutdown = true;
            }
            if (how == 1 || how == 2) {
                s.live.shutdownWrite(run.nowNs());
            }
            return Ret.ok(0);
        };
    }

    // ---- commands ----

    void command(String text) {
        try {
            ShellCommands.Effect fx = ShellCommands.read(text, run.script.file().toAbsolutePath().getParent(),
                    run.event.line(), run.host.qdisc);
            Packetdrill.apply(run, fx);
        } catch (UnsupportedConstruct u) {
            throw new Unsupported(u);
        } catch (IOException e) {
            throw run.fail("error executing command: " + e.getMessage());
        }
    }
}
