package org.tcpsim.packetdrill;

import java.util.Map;
import java.util.TreeMap;

/**
 * The Linux (x86-64) values of the symbols packetdrill scripts name: socket levels and options,
 * fcntl and ioctl requests, message and poll flags, and errno numbers with their strerror text.
 */
final class Symbols {
    private static final Map<String, Long> VALUES = new TreeMap<>();
    private static final Map<String, Integer> ERRNO = new TreeMap<>();
    private static final Map<Integer, String> STRERROR = new TreeMap<>();

    private static void v(String name, long value) {
        VALUES.put(name, value);
    }

    private static void e(String name, int value, String text) {
        ERRNO.put(name, value);
        STRERROR.putIfAbsent(value, text);
        VALUES.put(name, (long) value);
    }

    static {
        v("AF_INET", 2);
        v("AF_INET6", 10);
        v("AF_UNSPEC", 0);
        v("PF_INET", 2);
        v("SOCK_STREAM", 1);
        v("IPPROTO_TCP", 6);
        v("IPPROTO_IP", 0);
        v("SOL_SOCKET", 1);
        v("SOL_TCP", 6);
        v("SOL_IP", 0);
        // socket options (asm-generic/socket.h)
        v("SO_DEBUG", 1);
        v("SO_REUSEADDR", 2);
        v("SO_ERROR", 4);
        v("SO_SNDBUF", 7);
        v("SO_RCVBUF", 8);
        v("SO_KEEPALIVE", 9);
        v("SO_LINGER", 13);
        v("SO_REUSEPORT", 15);
        v("SO_RCVLOWAT", 18);
        v("SO_SNDBUFFORCE", 32);
        v("SO_RCVBUFFORCE", 33);
        v("SO_MAX_PACING_RATE", 47);
        v("SO_ZEROCOPY", 60);
        // TCP options (linux/tcp.h)
        v("TCP_NODELAY", 1);
        v("TCP_MAXSEG", 2);
        v("TCP_CORK", 3);
        v("TCP_KEEPIDLE", 4);
        v("TCP_KEEPINTVL", 5);
        v("TCP_KEEPCNT", 6);
        v("TCP_SYNCNT", 7);
        v("TCP_LINGER2", 8);
        v("TCP_DEFER_ACCEPT", 9);
        v("TCP_WINDOW_CLAMP", 10);
        v("TCP_INFO", 11);
        v("TCP_QUICKACK", 12);
        v("TCP_CONGESTION", 13);
        v("TCP_MD5SIG", 14);
        v("TCP_THIN_LINEAR_TIMEOUTS", 16);
        v("TCP_USER_TIMEOUT", 18);
        v("TCP_REPAIR", 19);
        v("TCP_FASTOPEN", 23);
        v("TCP_TIMESTAMP", 24);
        v("TCP_NOTSENT_LOWAT", 25);
        v("TCP_CC_INFO", 26);
        v("TCP_SAVE_SYN", 27);
        v("TCP_SAVED_SYN", 28);
        v("TCP_FASTOPEN_CONNECT", 30);
        v("TCP_FASTOPEN_KEY", 33);
        v("TCP_FASTOPEN_NO_COOKIE", 34);
        v("TCP_ZEROCOPY_RECEIVE", 35);
        v("TCP_INQ", 36);
        v("TCP_CM_INQ", 36);
        v("TCP_TX_DELAY", 37);
        v("IP_TOS", 1);
        v("IP_TTL", 2);
        v("IP_MTU_DISCOVER", 10);
        v("IP_FREEBIND", 15);
        v("IP_PMTUDISC_DONT", 0);
        v("IP_PMTUDISC_WANT", 1);
        v("IP_PMTUDISC_DO", 2);
        v("IP_PMTUDISC_PROBE", 3);
        v("IP_PMTUDISC_INTERFACE", 4);
        v("IP_PMTUDISC_OMIT", 5);
        // fcntl
        v("F_GETFL", 3);
        v("F_SETFL", 4);
        v("O_RDONLY", 0);
        v("O_WRONLY", 1);
        v("O_RDWR", 2);
        v("O_NONBLOCK", 04000);
        v("SPLICE_F_MOVE", 1);
        v("SPLICE_F_NONBLOCK", 2);
        v("SPLICE_F_MORE", 4);
        // ioctl
        v("SIOCINQ", 0x541B);
        v("FIONREAD", 0x541B);
        v("SIOCOUTQ", 0x5411);
        v("TIOCOUTQ", 0x5411);
        v("SIOCOUTQNSD", 0x894B);
        // shutdown
        v("SHUT_RD", 0);
        v("SHUT_WR", 1);
        v("SHUT_RDWR", 2);
        // send/recv flags
        v("MSG_OOB", 1);
        v("MSG_PEEK", 2);
        v("MSG_DONTROUTE", 4);
        v("MSG_CTRUNC", 8);
        v("MSG_TRUNC", 0x20);
        v("MSG_DONTWAIT", 0x40);
        v("MSG_EOR", 0x80);
        v("MSG_WAITALL", 0x100);
        v("MSG_NOSIGNAL", 0x4000);
        v("MSG_MORE", 0x8000);
        v("MSG_FASTOPEN", 0x20000000);
        v("MSG_ZEROCOPY", 0x4000000);
        v("MSG_ERRQUEUE", 0x2000);
        // poll
        v("POLLIN", 0x001);
        v("POLLPRI", 0x002);
        v("POLLOUT", 0x004);
        v("POLLERR", 0x008);
        v("POLLHUP", 0x010);
        v("POLLNVAL", 0x020);
        v("POLLRDNORM", 0x040);
        v("POLLRDBAND", 0x080);
        v("POLLWRNORM", 0x100);
        v("POLLWRBAND", 0x200);
        v("POLLRDHUP", 0x2000);
        // errno (asm-generic/errno-base.h, errno.h) with glibc's strerror text
        e("EPERM", 1, "Operation not permitted");
        e("ENOENT", 2, "No such file or directory");
        e("EINTR", 4, "Interrupted system call");
        e("EIO", 5, "Input/output error");
        e("EBADF", 9, "Bad file descriptor");
        e("EAGAIN", 11, "Resource temporarily unavailable");
        e("EWOULDBLOCK", 11, "Resource temporarily unavailable");
        e("ENOMEM", 12, "Cannot allocate memory");
        e("EACCES", 13, "Permission denied");
        e("EFAULT", 14, "Bad address");
        e("EEXIST", 17, "File exists");
        e("EINVAL", 22, "Invalid argument");
        e("ENFILE", 23, "Too many open files in system");
        e("EMFILE", 24, "Too many open files");
        e("EPIPE", 32, "Broken pipe");
        e("ENOTSOCK", 88, "Socket operation on non-socket");
        e("EDESTADDRREQ", 89, "Destination address required");
        e("EMSGSIZE", 90, "Message too long");
        e("ENOPROTOOPT", 92, "Protocol not available");
        e("EOPNOTSUPP", 95, "Operation not supported");
        e("EAFNOSUPPORT", 97, "Address family not supported by protocol");
        e("EADDRINUSE", 98, "Address already in use");
        e("EADDRNOTAVAIL", 99, "Cannot assign requested address");
        e("ENETUNREACH", 101, "Network is unreachable");
        e("ECONNABORTED", 103, "Software caused connection abort");
        e("ECONNRESET", 104, "Connection reset by peer");
        e("ENOBUFS", 105, "No buffer space available");
        e("EISCONN", 106, "Transport endpoint is already connected");
        e("ENOTCONN", 107, "Transport endpoint is not connected");
        e("ETIMEDOUT", 110, "Connection timed out");
        e("ECONNREFUSED", 111, "Connection refused");
        e("EHOSTUNREACH", 113, "No route to host");
        e("EALREADY", 114, "Operation already in progress");
        e("EINPROGRESS", 115, "Operation now in progress");
    }

    private Symbols() {
    }

    /** The value of a symbol, or null when the runner does not know it. */
    static Long value(String name) {
        return VALUES.get(name);
    }

    /** The errno number of {@code name} (EAGAIN -> 11), or -1. */
    static int errno(String name) {
        Integer v = ERRNO.get(name);
        return v == null ? -1 : v;
    }

    /** strerror() of an errno number. */
    static String strerror(int errno) {
        String s = STRERROR.get(errno);
        return s == null ? "Unknown error " + errno : s;
    }
}
