package org.tcpsim.packetdrill;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The runner's simulated files and pipes: the files a script's commands made ({@code dd} of
 * zeros, {@code rm -f}), read by open() and sendfile(), and the pipes pipe() makes for splice().
 * Nothing here touches a real file. Descriptors are the script's numbers, as packetdrill keeps
 * them (its struct fd_state with script_fd).
 */
final class ScriptFiles {
    /** pipe_buf capacity: PIPE_DEF_BUFFERS (16) pages of 4 KiB. */
    static final int PIPE_CAPACITY = 16 * 4096;

    /** A file made by the script's commands: its size in zero bytes. */
    private final Map<String, Long> sizes = new HashMap<>();
    /** Paths the commands removed (open() of one is ENOENT; of any other unknown path, UNSUPPORTED). */
    private final Map<String, Boolean> removed = new HashMap<>();
    private final Map<Integer, Object> fds = new HashMap<>();

    /** An open file: its path and file position (f_pos). */
    static final class OpenFile {
        final String path;
        long pos;

        OpenFile(String path) {
            this.path = path;
        }
    }

    /** A pipe: the bytes in it (no payload is carried), and whether each end is still open. */
    static final class Pipe {
        long bytes;
        boolean readerOpen = true;
        boolean writerOpen = true;
    }

    /** One end of a pipe. */
    record PipeEnd(Pipe pipe, boolean readEnd) {
    }

    void apply(List<ShellCommands.FileOp> ops) {
        for (ShellCommands.FileOp op : ops) {
            if (op.size() < 0) {
                sizes.remove(op.path());
                removed.put(op.path(), true);
            } else {
                sizes.put(op.path(), op.size());
                removed.remove(op.path());
            }
        }
    }

    /** The size of a file the commands made, or null. */
    Long size(String path) {
        return sizes.get(path);
    }

    boolean removed(String path) {
        return removed.containsKey(path);
    }

    boolean has(long fd) {
        return fds.containsKey((int) fd);
    }

    Object get(long fd) {
        return fds.get((int) fd);
    }

    void open(int fd, Object what) {
        fds.put(fd, what);
    }

    /** close(): the descriptor goes; a pipe end closed tells the other end. */
    void close(long fd) {
        Object o = fds.remove((int) fd);
        if (o instanceof PipeEnd e) {
            if (e.readEnd()) {
                e.pipe().readerOpen = false;
            } else {
                e.pipe().writerOpen = false;
            }
        }
    }
}
