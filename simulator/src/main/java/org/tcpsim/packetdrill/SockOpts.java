package org.tcpsim.packetdrill;

import org.tcpsim.tcp.CongestionChoice;
import org.tcpsim.tcp.SocketOptions;

/** Socket options a script set on a socket before it was listening or connecting. */
final class SockOpts {
    int rcvbuf = -1;
    int sndbuf = -1;
    boolean lingerZero;
    boolean noDelay;
    CongestionChoice congestion;
    boolean reuseAddr;
    boolean keepAlive;
    int keepIdleS;
    int keepIntvlS;
    int keepCnt;
    int userTimeoutMs;
    /** TCP_SYNCNT, applied to the socket connect() creates. */
    int synCnt;
    /** TCP_MAXSEG (user_mss), or 0. */
    int userMss;
    /** TCP_INQ (tp->recvmsg_inq) set before the kernel socket exists, or on a listener for its children. */
    boolean inq;
    /** TCP_NOTSENT_LOWAT, or 0 for the sysctl. */
    int notsentLowat;
    /** IP_TOS (inet->tos). */
    int ipTos;
    /** IP_MTU_DISCOVER (inet->pmtudisc), IP_PMTUDISC_WANT as inet_create sets it. */
    int pmtudisc = SocketOptions.IP_PMTUDISC_WANT;
    /**
     * IP_FREEBIND (inet->freebind): bind() may take an address not (yet) on the host. The runner's
     * bind() always takes the local address, so the flag changes nothing but what getsockopt reads.
     */
    boolean freebind;

    SocketOptions toOptions() {
        return new SocketOptions(rcvbuf, sndbuf, lingerZero, noDelay, congestion, reuseAddr, keepAlive, keepIdleS,
                keepIntvlS, keepCnt, userTimeoutMs, userMss, notsentLowat, ipTos, pmtudisc);
    }
}
