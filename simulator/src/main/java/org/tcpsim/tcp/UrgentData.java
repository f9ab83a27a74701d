package org.tcpsim.tcp;

/**
 * Urgent data on the receive side (tp->urg_data, tp->urg_seq), made on a connection's first
 * segment with URG: the urgent pointer's byte (BSD's reading, net.ipv4.tcp_stdurg 0: the byte
 * before seq + urg_ptr) is taken out of the normal stream. Reads stop before it; a read at it
 * skips it (tcp_recvmsg_locked without SOCK_URGINLINE); tcp_read_sock (splice) stops at it and
 * does not skip it; recv(MSG_OOB) reads it (tcp_recv_urg); SIOCATMARK says the next byte is it.
 * Payload bytes are not carried, so the byte's value is 0, as packetdrill's payloads are.
 * Not modelled: SO_OOBINLINE, SIGURG, the sending side (MSG_OOB on send, URG on output).
 */
final class UrgentData {
    /** tp->urg_data: 0, TCP_URG_NOTYET (the byte has not arrived), TCP_URG_VALID, TCP_URG_READ. */
    static final int NONE = 0;
    static final int NOTYET = 1;
    static final int VALID = 2;
    static final int READ = 3;

    int state = NONE;
    /** tp->urg_seq: the urgent byte's sequence number. */
    int seq;

    /**
     * tcp_urg (with tcp_check_urg for a segment with URG), called before the segment's data is
     * queued (tcp_rcv_established's slow path, tcp_rcv_state_process step 6).
     */
    void segmentArrived(TcpSocket sk, TcpSegment seg) {
        ReceiveQueue q = sk.rcv.queue;
        if (seg.has(TcpSegment.URG)) {
            checkUrg(sk, seg, q);
        }
        if (state == NOTYET) {
            // the byte is in this segment: urg_seq - seq - syn within its payload
            int ptr = seq - seg.seq - (seg.has(TcpSegment.SYN) ? 1 : 0);
            if (Integer.compareUnsigned(ptr, seg.dataLength) < 0) {
                state = VALID;
            }
        }
    }

    /** tcp_check_urg. */
    private void checkUrg(TcpSocket sk, TcpSegment seg, ReceiveQueue q) {
        int ptr = seg.urgPtr;
        if (ptr != 0) {
            ptr--; // !sysctl_tcp_stdurg: the pointer is one past the urgent byte
        }
        ptr += seg.seq;
        if (Seq.gt(q.copiedSeq(), ptr)) {
            return; // urgent data already seen and read
        }
        if (Seq.lt(ptr, q.rcvNxt())) {
            return; // do not replay the urgent pointer
        }
        if (state != NONE && !Seq.gt(ptr, seq)) {
            return; // a newer (or the same) pointer is already known
        }
        if (seq == q.copiedSeq() && state != NONE && q.copiedSeq() != q.rcvNxt()) {
            sk.rcv.read(1); // the last urgent byte, not yet read: copied_seq++ past it
        }
        state = NOTYET;
        seq = ptr;
    }

    /** The urgent byte is the next to read (SIOCATMARK). */
    boolean atMark(ReceiveQueue q) {
        return state != NONE && seq == q.copiedSeq();
    }

    /**
     * Bytes a read of at most {@code max} takes in order before the mark: tcp_recvmsg_locked's
     * and tcp_read_sock's urg_offset = urg_seq - seq, used only when below the bytes available.
     */
    int beforeMark(ReceiveQueue q, int max) {
        if (state == NONE) {
            return max;
        }
        int offset = seq - q.copiedSeq();
        return Integer.compareUnsigned(offset, max) < 0 ? offset : max;
    }

    /** copied_seq passed urg_seq: the urgent data is done with (tcp_recvmsg_locked's skip_copy). */
    void afterRead(ReceiveQueue q) {
        if (state != NONE && Seq.gt(q.copiedSeq(), seq)) {
            state = NONE;
        }
    }

    /**
     * recv(MSG_OOB) (tcp_recv_urg): 1 (the byte) or 0, or the errno name: EINVAL when there is no
     * urgent byte to read (none, or read already), ENOTCONN on a closed socket that never finished,
     * EAGAIN while it has not arrived (never blocks).
     */
    String recvOob(TcpSocket sk, boolean peek, int len, int[] out) {
        if (state == NONE || state == READ) {
            return "EINVAL";
        }
        if (sk.state == TcpState.CLOSED && !sk.finReceived()) {
            return "ENOTCONN";
        }
        if (state == VALID) {
            if (!peek) {
                state = READ;
            }
            out[0] = len > 0 ? 1 : 0; // a 0-byte buffer: MSG_TRUNC, 0
            return null;
        }
        if (sk.state == TcpState.CLOSED || sk.finReceived()) {
            out[0] = 0;
            return null;
        }
        return "EAGAIN";
    }
}
