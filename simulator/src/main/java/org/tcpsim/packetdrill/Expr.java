package org.tcpsim.packetdrill;

import java.util.List;

/** A system call argument or result as written (packetdrill's struct expression). */
sealed interface Expr {
    /** {@code ...}: any value (a buffer, an address). */
    record Ellipsis() implements Expr {
    }

    record Num(long value) implements Expr {
    }

    /** A symbol such as {@code SOL_SOCKET} or {@code O_NONBLOCK}. */
    record Word(String name) implements Expr {
    }

    record Str(String value) implements Expr {
    }

    /** {@code a | b}. */
    record Or(Expr left, Expr right) implements Expr {
    }

    /** {@code name = value}, as in {@code msg_flags=0}. */
    record Assign(String name, Expr value) implements Expr {
    }

    /** {@code [a, b]}: an array, or a pointer to one value ({@code [1]}). */
    record Array(List<Expr> items) implements Expr {
    }

    /** {@code {..., 40}}: one iovec of this length. */
    record Iovec(long length) implements Expr {
    }

    /** {@code {msg_name(...)=..., msg_iov(n)=[...], msg_flags=f[, msg_control=[cmsg...]]}}; control null if absent. */
    record Msghdr(List<Expr> iov, Expr flags, List<Expr> control) implements Expr {
    }

    /** {@code {cmsg_level=SOL_TCP, cmsg_type=TCP_CM_INQ, cmsg_data=9000}}: one control message. */
    record Cmsg(Expr level, Expr type, Expr data) implements Expr {
    }

    /** {@code {onoff=1, linger=0}}. */
    record Linger(long onoff, long linger) implements Expr {
    }

    /** {@code {fd=3, events=POLLIN, revents=...}}. */
    record Pollfd(Expr fd, Expr events, Expr revents) implements Expr {
    }

    /** {@code {a, b}}: a list in braces. */
    record Group(List<Expr> items) implements Expr {
    }

    /** A construct the runner does not model (cmsg, sockaddr, epoll events, ...), named for UNSUPPORTED. */
    record Unsupported(String what) implements Expr {
    }
}
