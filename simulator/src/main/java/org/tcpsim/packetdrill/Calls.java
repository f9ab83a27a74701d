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
 * as {@link Unsupported} through the run.
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

    Calls(ScriptRun run, Syscalls syscalls) {
        this.run = run;
        this.syscalls = syscalls;
        this.sockopts = new SockOptions(run, this);
        this.files = new FileCalls(run, this);
        this.control = new ControlCalls(this);
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

    private void count(String call, List<Expr> args, int n) {
        if (args.size() != n) {
            throw error(call, "expected " + n + " args but got " + args.size());
        }
    }

    private void ellipsis(String call, List<Expr> args, int i, String what) {
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
            case "write" -> {
                count(name, a, 3);
                Sock sk = sock(name, num(name, a.get(0)));
                Attempt w = send(name, sk, num(name, a.get(2)), 0);
                yield nullBuffer(name, a) ? efaultOnSend(sk, num(name, a.get(2)), w) : w;
            }
            case "send" -> {
                count(name, a, 4);
                Sock sk = sock(name, num(name, a.get(0)));
                Attempt w = send(name, sk, num(name, a.get(2)), num(name, a.get(3)));
                yield nullBuffer(name, a) ? efaultOnSend(sk, num(name, a.get(2)), w) : w;
            }
            case "sendto" -> {
                count(name, a, 6);
                ellipsis(name, a, 4, "address");
                Sock sk = sock(name, num(name, a.get(0)));
                Attempt w = send(name, sk, num(name, a.get(2)), num(name, a.get(3)));
                yield nullBuffer(name, a) ? efaultOnSend(sk, num(name, a.get(2)), w) : w;
            }
            case "writev" -> {
                count(name, a, 3);
                yield send(name, sock(name, num(name, a.get(0))), iovBytes(name, a.get(1)), 0);
            }
            case "sendmsg" -> {
                count(name, a, 3);
                yield send(name, sock(name, num(name, a.get(0))), msgBytes(name, a.get(1)), num(name, a.get(2)));
            }
            case "read" -> {
                count(name, a, 3);
                if (run.files.get(num(name, a.get(0))) instanceof ScriptFiles.PipeEnd p) {
                    yield files.readPipe(p, num(name, a.get(2)));
                }
                Sock sk = sock(name, num(name, a.get(0)));
                Attempt r = recv(name, sk, num(name, a.get(2)), 0);
                yield nullBuffer(name, a) ? efaultOnRecv(sk, r) : r;
            }
            case "recv" -> {
                count(name, a, 4);
                Sock sk = sock(name, num(name, a.get(0)));
                Attempt r = recv(name, sk, num(name, a.get(2)), num(name, a.get(3)));
                yield nullBuffer(name, a) ? efaultOnRecv(sk, r) : r;
            }
            case "recvfrom" -> {
                count(name, a, 6);
                Sock sk = sock(name, num(name, a.get(0)));
                Attempt r = recv(name, sk, num(name, a.get(2)), num(name, a.get(3)));
                yield nullBuffer(name, a) ? efaultOnRecv(sk, r) : r;
            }
            case "readv" -> {
                count(name, a, 3);
                yield recv(name, sock(name, num(name, a.get(0))), iovBytes(name, a.get(1)), 0);
            }
            case "recvmsg" -> {
                count(name, a, 3);
                Sock sk = sock(name, num(name, a.get(0)));
                Expr.Msghdr m = msghdr(name, a.get(1));
                Attempt read = recv(name, sk, iovBytes(name, new Expr.Array(m.iov())), num(name, a.get(2)));
                yield () -> {
                    Ret r = read.attempt();
                    if (r != null && r.value() >= 0) {
                        RecvmsgControl.check(this, sk, m);
                    }
                    return r;
                };
            }
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

    /** The buffer argument (index 1): ... (modelled data) or NULL (a bad address); anything else is UNSUPPORTED. */
    private boolean nullBuffer(String call, List<Expr> args) {
        Expr e = args.get(1);
        if (e instanceof Expr.Word w && w.name().equals("NULL") || e instanceof Expr.Num n && n.value() == 0) {
            return true;
        }
        ellipsis(call, args, 1, "buffer");
        return false;
    }

    /**
     * A write from a NULL buffer: where tcp_sendmsg_locked would copy data, the copy faults
     * (skb_copy_to_page_nocache / copy_from_iter) and nothing was copied, so -EFAULT; the checks before
     * it (not connected, shut down, an error pending, waiting for connect) answer as usual.
     */
    private Attempt efaultOnSend(Sock s, long bytes, Attempt normal) {
        return () -> {
            TcpSocket t = s.live;
            boolean copies = t != null && s.pendingError == null && !t.writeShutdown()
                    && (t.state() == TcpState.ESTABLISHED || t.state() == TcpState.CLOSE_WAIT);
            if (copies && bytes > 0) {
                return Ret.err("EFAULT");
            }
            return normal.attempt();
        };
    }

    /** A read into a NULL buffer: with data queued the copy faults (tcp_recvmsg_locked: -EFAULT), else as usual. */
    private Attempt efaultOnRecv(Sock s, Attempt normal) {
        return () -> {
            if (s.live != null && s.live.available() > 0 && !s.readShutdown) {
                return Ret.err("EFAULT");
            }
            return normal.attempt();
        };
    }

    private long iovBytes(String call, Expr e) {
        if (!(e instanceof Expr.Array a)) {
            throw error(call, "expected an array of iovecs");
        }
        long total = 0;
        for (Expr i : a.items()) {
            if (!(i instanceof Expr.Iovec v)) {
                throw error(call, "expected an iovec {..., len}");
            }
            total += v.length();
        }
        return total;
    }

    private long msgBytes(String call, Expr e) {
        Expr.Msghdr m = msghdr(call, e);
        if (m.control() != null) {
            throw unsupported(call + "() with msg_control (ancillary data)");
        }
        return iovBytes(call, new Expr.Array(m.iov()));
    }

    private Expr.Msghdr msghdr(String call, Expr e) {
        if (e instanceof Expr.Unsupported u) {
            throw unsupported(call + "() with " + u.what());
        }
        if (!(e instanceof Expr.Msghdr m)) {
            throw error(call, "expected a msghdr");
        }
        return m;
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

    // ---- data ----

    private static final long MSG_DONTWAIT = 0x40;
    private static final long MSG_PEEK = 2;
    private static final long MSG_OOB = 1;
    private static final long MSG_MORE = 0x8000;
    private static final long MSG_EOR = 0x80;
    private static final long MSG_NOSIGNAL = 0x4000;

    private Attempt send(String call, Sock s, long bytes, long flags) {
        return send(call, s, bytes, flags, Long.MAX_VALUE);
    }

    /**
     * A send of {@code bytes} handed to tcp_sendmsg in pieces of {@code chunk} bytes, each but the
     * last with MSG_MORE (as splice_to_socket hands over sendfile()'s pipe-sized pieces).
     */
    Attempt send(String call, Sock s, long bytes, long flags, long chunk) {
        if ((flags & ~(MSG_DONTWAIT | MSG_MORE | MSG_EOR | MSG_NOSIGNAL)) != 0) {
            throw unsupported(call + "() with flags 0x" + Long.toHexString(flags));
        }
        boolean more = (flags & MSG_MORE) != 0;
        boolean eor = (flags & MSG_EOR) != 0;
        boolean dontWait = (flags & MSG_DONTWAIT) != 0;
        long[] done = new long[1];
        return () -> {
            TcpSocket t = s.live;
            if (t == null) {
                return Ret.err(s.listener != null ? "ENOTCONN" : "EPIPE");
            }
            if (s.pendingError != null) {
                return takeError(s, null);
            }
            TcpState st = t.state();
            if (st == TcpState.SYN_SENT || st == TcpState.SYN_RECV) {
                return s.nonBlocking || dontWait ? Ret.err("EAGAIN") : null; // sk_stream_wait_connect
            }
            if (t.writeShutdown() || (st != TcpState.ESTABLISHED && st != TcpState.CLOSE_WAIT)) {
                return done[0] > 0 ? Ret.ok(done[0]) : Ret.err("EPIPE");
            }
            while (done[0] < bytes) {
                long pieceEnd = chunk >= bytes ? bytes : Math.min(bytes, (done[0] / chunk + 1) * chunk);
                long piece = pieceEnd - done[0];
                int w = t.write((int) Math.min(piece, Integer.MAX_VALUE), run.nowNs(), more || pieceEnd < bytes, eor,
                        done[0] > 0);
                done[0] += w;
                if (w < piece) {
                    break;
                }
            }
            if (done[0] == bytes) {
                return Ret.ok(bytes);
            }
            if (s.nonBlocking || dontWait) {
                return done[0] > 0 ? Ret.ok(done[0]) : Ret.err("EAGAIN");
            }
            return null; // sk_stream_wait_memory
        };
    }

    private Attempt recv(String call, Sock s, long max, long flags) {
        if ((flags & ~(MSG_DONTWAIT | MSG_PEEK | MSG_OOB)) != 0) {
            throw unsupported(call + "() with flags 0x" + Long.toHexString(flags));
        }
        boolean peek = (flags & MSG_PEEK) != 0;
        boolean dontWait = (flags & MSG_DONTWAIT) != 0;
        if ((flags & MSG_OOB) != 0) {
            return () -> {
                if (s.live == null) {
                    return Ret.err(s.listener != null ? "EINVAL" : "ENOTCONN");
                }
                int[] n = new int[1];
                String errno = s.live.recvUrgent(peek, (int) Math.min(max, Integer.MAX_VALUE), n);
                return errno == null ? Ret.ok(n[0]) : Ret.err(errno); // tcp_recv_urg never blocks
            };
        }
        return () -> {
            TcpSocket t = s.live;
            if (t == null) {
                return Ret.err("ENOTCONN");
            }
            int avail = t.available();
            if (s.readShutdown && avail == 0) {
                return Ret.ok(0); // SHUT_RD: data already queued (or still arriving) is read as usual
            }
            if (avail > 0 && max > 0) {
                int n = (int) Math.min(max, avail);
                // before the urgent mark, or stepping over the urgent byte at it (tcp_recvmsg_locked)
                int got = peek ? t.peekable(n) : t.read(n, run.nowNs());
                if (got > 0) {
                    return Ret.ok(got);
                }
                avail = t.available();
            }
            if (max == 0) {
                return Ret.ok(0);
            }
            if (s.pendingError != null) {
                return takeError(s, null);
            }
            if (t.finReceived() || t.state() == TcpState.CLOSED) {
                return Ret.ok(0);
            }
            if (t.state() == TcpState.SYN_SENT || t.state() == TcpState.SYN_RECV) {
                return s.nonBlocking || dontWait ? Ret.err("EAGAIN") : null;
            }
            return s.nonBlocking || dontWait ? Ret.err("EAGAIN") : null;
        };
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
