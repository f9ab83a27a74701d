package org.tcpsim.packetdrill;

import java.util.List;
import org.tcpsim.packetdrill.Syscalls.Attempt;
import org.tcpsim.packetdrill.Syscalls.Ret;
import org.tcpsim.tcp.TcpSocket;
import org.tcpsim.tcp.TcpState;

/**
 * The calls that move data through a script's socket: write(), send(), sendto(), writev() and
 * sendmsg() into tcp_sendmsg, read(), recv(), recvfrom(), readv() and recvmsg() out of tcp_recvmsg
 * (read() of a pipe is {@link FileCalls}'), with their buffers (... for modelled data, NULL for a bad
 * address, iovecs, a msghdr) and MSG_ flags as packetdrill's syscall_write ... syscall_recvmsg take them.
 */
final class DataCalls {
    private static final long MSG_DONTWAIT = 0x40;
    private static final long MSG_PEEK = 2;
    private static final long MSG_OOB = 1;
    private static final long MSG_MORE = 0x8000;
    private static final long MSG_EOR = 0x80;
    private static final long MSG_NOSIGNAL = 0x4000;

    private final ScriptRun run;
    private final Calls calls;
    private final FileCalls files;

    DataCalls(ScriptRun run, Calls calls, FileCalls files) {
        this.run = run;
        this.calls = calls;
        this.files = files;
    }

    /** The call {@code name}, one of those {@link Calls#start} hands over. */
    Attempt start(String name, List<Expr> a) {
        return switch (name) {
            case "write" -> {
                calls.count(name, a, 3);
                Sock sk = calls.sock(name, calls.num(name, a.get(0)));
                Attempt w = send(name, sk, calls.num(name, a.get(2)), 0);
                yield nullBuffer(name, a) ? efaultOnSend(sk, calls.num(name, a.get(2)), w) : w;
            }
            case "send" -> {
                calls.count(name, a, 4);
                Sock sk = calls.sock(name, calls.num(name, a.get(0)));
                Attempt w = send(name, sk, calls.num(name, a.get(2)), calls.num(name, a.get(3)));
                yield nullBuffer(name, a) ? efaultOnSend(sk, calls.num(name, a.get(2)), w) : w;
            }
            case "sendto" -> {
                calls.count(name, a, 6);
                calls.ellipsis(name, a, 4, "address");
                Sock sk = calls.sock(name, calls.num(name, a.get(0)));
                Attempt w = send(name, sk, calls.num(name, a.get(2)), calls.num(name, a.get(3)));
                yield nullBuffer(name, a) ? efaultOnSend(sk, calls.num(name, a.get(2)), w) : w;
            }
            case "writev" -> {
                calls.count(name, a, 3);
                yield send(name, calls.sock(name, calls.num(name, a.get(0))), iovBytes(name, a.get(1)), 0);
            }
            case "sendmsg" -> {
                calls.count(name, a, 3);
                Sock sk = calls.sock(name, calls.num(name, a.get(0)));
                yield send(name, sk, msgBytes(name, a.get(1)), calls.num(name, a.get(2)));
            }
            case "read" -> {
                calls.count(name, a, 3);
                if (run.files.get(calls.num(name, a.get(0))) instanceof ScriptFiles.PipeEnd p) {
                    yield files.readPipe(p, calls.num(name, a.get(2)));
                }
                Sock sk = calls.sock(name, calls.num(name, a.get(0)));
                Attempt r = recv(name, sk, calls.num(name, a.get(2)), 0);
                yield nullBuffer(name, a) ? efaultOnRecv(sk, r) : r;
            }
            case "recv" -> {
                calls.count(name, a, 4);
                Sock sk = calls.sock(name, calls.num(name, a.get(0)));
                Attempt r = recv(name, sk, calls.num(name, a.get(2)), calls.num(name, a.get(3)));
                yield nullBuffer(name, a) ? efaultOnRecv(sk, r) : r;
            }
            case "recvfrom" -> {
                calls.count(name, a, 6);
                Sock sk = calls.sock(name, calls.num(name, a.get(0)));
                Attempt r = recv(name, sk, calls.num(name, a.get(2)), calls.num(name, a.get(3)));
                yield nullBuffer(name, a) ? efaultOnRecv(sk, r) : r;
            }
            case "readv" -> {
                calls.count(name, a, 3);
                yield recv(name, calls.sock(name, calls.num(name, a.get(0))), iovBytes(name, a.get(1)), 0);
            }
            case "recvmsg" -> {
                calls.count(name, a, 3);
                Sock sk = calls.sock(name, calls.num(name, a.get(0)));
                Expr.Msghdr m = msghdr(name, a.get(1));
                Attempt read = recv(name, sk, iovBytes(name, new Expr.Array(m.iov())), calls.num(name, a.get(2)));
                yield () -> {
                    Ret r = read.attempt();
                    if (r != null && r.value() >= 0) {
                        RecvmsgControl.check(calls, sk, m);
                    }
                    return r;
                };
            }
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** The buffer argument (index 1): ... (modelled data) or NULL (a bad address); anything else is UNSUPPORTED. */
    private boolean nullBuffer(String call, List<Expr> args) {
        Expr e = args.get(1);
        if (e instanceof Expr.Word w && w.name().equals("NULL") || e instanceof Expr.Num n && n.value() == 0) {
            return true;
        }
        calls.ellipsis(call, args, 1, "buffer");
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
            throw calls.error(call, "expected an array of iovecs");
        }
        long total = 0;
        for (Expr i : a.items()) {
            if (!(i instanceof Expr.Iovec v)) {
                throw calls.error(call, "expected an iovec {..., len}");
            }
            total += v.length();
        }
        return total;
    }

    private long msgBytes(String call, Expr e) {
        Expr.Msghdr m = msghdr(call, e);
        if (m.control() != null) {
            throw calls.unsupported(call + "() with msg_control (ancillary data)");
        }
        return iovBytes(call, new Expr.Array(m.iov()));
    }

    private Expr.Msghdr msghdr(String call, Expr e) {
        if (e instanceof Expr.Unsupported u) {
            throw calls.unsupported(call + "() with " + u.what());
        }
        if (!(e instanceof Expr.Msghdr m)) {
            throw calls.error(call, "expected a msghdr");
        }
        return m;
    }

    private Attempt send(String call, Sock s, long bytes, long flags) {
        return send(call, s, bytes, flags, Long.MAX_VALUE);
    }

    /**
     * A send of {@code bytes} handed to tcp_sendmsg in pieces of {@code chunk} bytes, each but the
     * last with MSG_MORE (as splice_to_socket hands over sendfile()'s pipe-sized pieces).
     */
    Attempt send(String call, Sock s, long bytes, long flags, long chunk) {
        if ((flags & ~(MSG_DONTWAIT | MSG_MORE | MSG_EOR | MSG_NOSIGNAL)) != 0) {
            throw calls.unsupported(call + "() with flags 0x" + Long.toHexString(flags));
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
                return calls.takeError(s, null);
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
            throw calls.unsupported(call + "() with flags 0x" + Long.toHexString(flags));
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
                return calls.takeError(s, null);
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
}
