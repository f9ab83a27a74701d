package org.tcpsim.tcp;

/** A system call failed with a Linux errno (EADDRNOTAVAIL, EADDRINUSE, ...). */
public final class TcpError extends RuntimeException {
    private final String errno;

    public TcpError(String errno, String detail) {
        super(errno + ": " + detail, null, false, false);
        this.errno = errno;
    }

    public String errno() {
        return errno;
    }
}
