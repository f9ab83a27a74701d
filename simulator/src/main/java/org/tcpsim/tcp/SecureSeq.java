package org.tcpsim.tcp;

/**
 * A connection's initial sequence number and timestamp offset (net/core/secure_seq.c:
 * secure_tcp_seq, secure_tcp_ts_off): a keyed hash of the 4-tuple under the host's net_secret.
 * Static methods on the stack, which keeps the secret: asked once per connection.
 */
final class SecureSeq {
    private SecureSeq() {
    }

    /**
     * Initial sequence number: a keyed hash of the 4-tuple plus a clock ticking every 64 ns
     * (secure_tcp_seq: siphash(saddr, daddr, sport, dport) + (ktime_get_real_ns() >> 6)).
     */
    static int tcpSeq(TcpStack stack, int localPort, int remoteAddr, int remotePort, long now) {
        return (int) fourTupleHash(stack, localPort, remoteAddr, remotePort) + (int) (now >>> 6);
    }

    /**
     * TCP timestamp offset: none on 4.9; on 6.18.19 the high half of the same keyed hash as the
     * ISN, so it depends on the ports too (secure_tcp_seq_and_ts_off after commit 165573e41f2f).
     */
    static int tsOff(TcpStack stack, int localPort, int remoteAddr, int remotePort) {
        if (!stack.kernel.hasTimestampOffsets()) {
            return 0;
        }
        return (int) (fourTupleHash(stack, localPort, remoteAddr, remotePort) >>> 32);
    }

    private static long fourTupleHash(TcpStack stack, int localPort, int remoteAddr, int remotePort) {
        long x = stack.secret ^ ((long) stack.host().address() << 32 | (remoteAddr & 0xffffffffL));
        x = mix(x) ^ ((long) localPort << 16 | remotePort);
        return mix(x);
    }

    /**
     * The 64-bit mixer standing in for siphash in every keyed hash of the stack: this one, the
     * ephemeral port offset (secure_ipv4_port_ephemeral) and SYN cookies (cookie_hash).
     */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
