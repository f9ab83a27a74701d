package org.tcpsim.packetdrill;

import java.util.List;

/**
 * A system call line: {@code +0...0.100 read(4, ..., 2000) = 2000} or
 * {@code connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)}.
 *
 * @param endUs  the end time of a blocking call ({@code ...t}) in microseconds, or -1 (non-blocking)
 * @param errno  the expected errno name, or null
 */
record SyscallSpec(long endUs, String name, List<Expr> args, Expr result, String errno, String note)
        implements Script.Action {

    boolean blocking() {
        return endUs >= 0;
    }
}
