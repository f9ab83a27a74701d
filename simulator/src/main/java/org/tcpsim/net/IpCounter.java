package org.tcpsim.net;

/** The IP and UDP MIB counters a node keeps, with the names `nstat` prints (/proc/net/snmp). */
public enum IpCounter {
    IP_IN_RECEIVES("IpInReceives"),
    IP_IN_HDR_ERRORS("IpInHdrErrors"),
    IP_IN_ADDR_ERRORS("IpInAddrErrors"),
    IP_FORW_DATAGRAMS("IpForwDatagrams"),
    IP_IN_UNKNOWN_PROTOS("IpInUnknownProtos"),
    IP_IN_DELIVERS("IpInDelivers"),
    IP_OUT_REQUESTS("IpOutRequests"),
    IP_OUT_NO_ROUTES("IpOutNoRoutes"),
    /** A router had no route for a packet it was asked to forward (Linux: ip_error, ENETUNREACH). */
    IP_EXT_IN_NO_ROUTES("IpExtInNoRoutes"),
    IP_FRAG_FAILS("IpFragFails"),
    UDP_IN_DATAGRAMS("UdpInDatagrams"),
    UDP_NO_PORTS("UdpNoPorts"),
    UDP_OUT_DATAGRAMS("UdpOutDatagrams");

    private final String mibName;

    IpCounter(String mibName) {
        this.mibName = mibName;
    }

    public String mibName() {
        return mibName;
    }
}
