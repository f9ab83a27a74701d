package org.tcpsim.packetdrill;

import java.util.List;
import org.tcpsim.packetdrill.Syscalls.Attempt;
import org.tcpsim.packetdrill.Syscalls.Ret;
import org.tcpsim.tcp.TcpSocket;
import org.tcpsim.tcp.TcpState;

/**
 * The calls on files and pipes a script makes around its sockets: open() of a file its commands
 * made, sendfile() from it to a socket, pipe(), splice() from a socket into a pipe (and from a
 * pipe to a socket), and read()/close() of those descriptors. Files and pipes are the runner's
 * ({@link ScriptFiles}); the data moved in and out of sockets is the model's.
 */
final class FileCalls {
    private static final long O_ACCMODE = 3;
    private static final long SPLICE_F_NONBLOCK = 2;
    private static final long SPLICE_F_MORE = 4;

    private final ScriptRun run;
    private final Calls calls;

    FileCalls(ScriptRun run, Calls calls) {
        this.run = run;
        this.calls = calls;
    }

    /** open(path, O_RDONLY): a file the script's commands made, or ENOENT for one they removed. */
    Attempt open(SyscallSpec s, List<Expr> a) {
        calls.count("open", a, 2);
        if (!(a.get(0) instanceof Expr.Str path)) {
            throw calls.error("open", "expected a path string");
        }
        long flags = calls.num("open", a.get(1));
        if (flags != 0) {
            throw calls.unsupported("open() with flags 0x" + Long.toHexString(flags) + " (only O_RDONLY)");
        }
        long fd = calls.expectedResult(s);
        return () -> {
            if (run.files.size(path.value()) == null) {
                if (run.files.removed(path.value())) {
                    return Ret.err("ENOENT");
                }
                throw calls.unsupported("open() of " + path.value() + ", a file the script's commands did not make");
            }
            if (fd < 0 || run.files.has(fd)) {
                throw calls.error("open", "the script's fd " + fd + " is not free");
            }
            run.files.open((int) fd, new ScriptFiles.OpenFile(path.value()));
            return Ret.ok(fd);
        };
    }

    /**
     * sendfile(out, in, [offset], count) as packetdrill makes it (always with an offset pointer):
     * do_sendfile reads from *offset, not the file position, which stays where it was; at most
     * count bytes, fewer at the end of the file, 0 past it. The data goes to the socket as
     * splice_direct_to_actor hands it over: in pieces of the internal pipe's 64 KiB, each but the
     * last with MSG_MORE.
     */
    Attempt sendfile(List<Expr> a) {
        calls.count("sendfile", a, 4);
        Sock out = calls.sock("sendfile", calls.num("sendfile", a.get(0)));
        long in = calls.num("sendfile", a.get(1));
        if (!(a.get(2) instanceof Expr.Array off) || off.items().size() != 1) {
            throw calls.error("sendfile", "expected [offset]");
        }
        long offset = calls.num("sendfile", off.items().get(0));
        long count = (int) calls.num("sendfile", a.get(3));
        Attempt[] send = new Attempt[1];
        return () -> {
            if (send[0] == null) {
                if (!(run.files.get(in) instanceof ScriptFiles.OpenFile f)) {
                    if (run.files.has(in)) {
                        throw calls.unsupported("sendfile() from a pipe");
                    }
                    return Ret.err("EBADF");
                }
                if (offset < 0 || count < 0) {
                    return Ret.err("EINVAL");
                }
                long n = Math.max(0, Math.min(count, run.files.size(f.path) - offset));
                if (n == 0) {
                    return Ret.ok(0);
                }
                send[0] = calls.data.send("sendfile", out, n, 0, ScriptFiles.PIPE_CAPACITY);
            }
            return send[0].attempt();
        };
    }

    /** pipe([r, w]): a pipe whose ends are the script's two fds. */
    Attempt pipe(List<Expr> a) {
        calls.count("pipe", a, 1);
        if (!(a.get(0) instanceof Expr.Array fds) || fds.items().size() != 2) {
            throw calls.error("pipe", "expected [read fd, write fd]");
        }
        long r = calls.num("pipe", fds.items().get(0));
        long w = calls.num("pipe", fds.items().get(1));
        return () -> {
            ScriptFiles.Pipe p = new ScriptFiles.Pipe();
            run.files.open((int) r, new ScriptFiles.PipeEnd(p, true));
            run.files.open((int) w, new ScriptFiles.PipeEnd(p, false));
            return Ret.ok(0);
        };
    }

    /**
     * splice(in, NULL, out, NULL, len, flags) from a TCP socket into a pipe (tcp_splice_read) or
     * from a pipe into a TCP socket (splice_to_socket). Offsets must be NULL (a socket cannot seek).
     */
    Attempt splice(List<Expr> a) {
        calls.count("splice", a, 6);
        long in = calls.num("splice", a.get(0));
        long offIn = nullPointer(a.get(1));
        long out = calls.num("splice", a.get(2));
        long offOut = nullPointer(a.get(3));
        long len = (int) calls.num("splice", a.get(4));
        long flags = calls.num("splice", a.get(5));
        if ((flags & ~(SPLICE_F_NONBLOCK | SPLICE_F_MORE)) != 0) {
            throw calls.unsupported("splice() with flags 0x" + Long.toHexString(flags));
        }
        if (offIn != 0 || offOut != 0) {
            throw calls.unsupported("splice() with an offset");
        }
        return () -> {
            Object from = run.files.get(in);
            Object to = run.files.get(out);
            if (from == null && to instanceof ScriptFiles.PipeEnd w && !w.readEnd()) {
                return spliceRead(calls.sock("splice", in), w.pipe(), len, (flags & SPLICE_F_NONBLOCK) != 0);
            }
            if (from instanceof ScriptFiles.PipeEnd r && r.readEnd() && to == null) {
                throw calls.unsupported("splice() from a pipe to a socket");
            }
            throw calls.unsupported("splice() between these descriptors (only a TCP socket into a pipe)");
        };
    }

    private long nullPointer(Expr e) {
        if (e instanceof Expr.Word w && w.name().equals("NULL")) {
            return 0;
        }
        return calls.num("splice", e);
    }

    /**
     * tcp_splice_read: what tcp_read_sock finds in order up to the urgent mark (it stops there and
     * never steps over the urgent byte), at most {@code len} and the pipe's room (a full pipe:
     * splice_file_to_pipe's wait_for_space, EAGAIN with SPLICE_F_NONBLOCK); with nothing spliced: 0
     * after the peer's FIN or on a closed socket, the socket's error, EAGAIN when the socket is
     * O_NONBLOCK (timeo comes from the file's flags, not SPLICE_F_NONBLOCK), 0 again when the
     * receive queue is not empty (urgent data: the loop is not retried), else it waits for data
     * (sk_wait_data).
     */
    private Ret spliceRead(Sock s, ScriptFiles.Pipe p, long len, boolean nonBlocking) {
        TcpSocket t = s.live;
        if (t == null) {
            return Ret.err(s.listener != null ? "EINVAL" : "ENOTCONN");
        }
        if (len == 0) {
            return Ret.ok(0); // nothing asked: nothing spliced, no wait
        }
        long room = ScriptFiles.PIPE_CAPACITY - p.bytes;
        if (room <= 0) {
            return nonBlocking ? Ret.err("EAGAIN") : null; // splice_grow / wait_for_space
        }
        int n = t.read((int) Math.min(Math.min(len, room), Integer.MAX_VALUE), run.nowNs(), false);
        if (n > 0) {
            p.bytes += n;
            return Ret.ok(n);
        }
        if (t.finReceived()) {
            return Ret.ok(0); // SOCK_DONE
        }
        if (s.pendingError != null) {
            return calls.takeError(s, null);
        }
        if (s.readShutdown) {
            return Ret.ok(0); // RCV_SHUTDOWN
        }
        if (t.state() == TcpState.CLOSED) {
            return Ret.err("ENOTCONN");
        }
        if (s.nonBlocking) {
            return Ret.err("EAGAIN"); // the socket's O_NONBLOCK only: SPLICE_F_NONBLOCK is about the pipe
        }
        if (t.available() > 0) {
            return Ret.ok(0); // an skb in the receive queue and nothing spliced: do not loop (urgent data)
        }
        return null;
    }

    /** read() of a pipe's read end: what is in it, 0 once the writer closed, else it waits. */
    Attempt readPipe(ScriptFiles.PipeEnd e, long max) {
        return () -> {
            if (!e.readEnd()) {
                return Ret.err("EBADF");
            }
            ScriptFiles.Pipe p = e.pipe();
            if (p.bytes > 0 && max > 0) {
                long n = Math.min(max, p.bytes);
                p.bytes -= n;
                return Ret.ok(n);
            }
            if (max == 0 || !p.writerOpen) {
                return Ret.ok(0);
            }
            return null;
        };
    }
}
