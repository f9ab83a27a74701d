package org.tcpsim.tcp.congestion;

import org.tcpsim.api.Parameters;
import org.tcpsim.api.congestion.CongestionControl;
import org.tcpsim.api.congestion.CongestionControlFactory;
import org.tcpsim.api.congestion.CongestionControlType;
import org.tcpsim.api.congestion.TcpSock;

/**
 * A congestion control that lives only on the test classpath (registered in
 * src/test/resources/META-INF/services), proving a separate jar can add an algorithm: it holds
 * cwnd at 4 packets whatever happens.
 */
public final class FixedWindowTestType implements CongestionControlType {
    static final int WINDOW = 4;

    @Override
    public String name() {
        return "test-fixed4";
    }

    @Override
    public String description() {
        return "test plugin: cwnd fixed at 4";
    }

    @Override
    public CongestionControlFactory configure(Parameters params) {
        return () -> new CongestionControl() {
            @Override
            public void init(TcpSock tp) {
                tp.setCwnd(WINDOW);
            }

            @Override
            public int ssthresh(TcpSock tp) {
                return WINDOW;
            }

            @Override
            public void congAvoid(TcpSock tp, int ack, int acked) {
                tp.setCwnd(WINDOW);
            }

            @Override
            public int undoCwnd(TcpSock tp) {
                return WINDOW;
            }
        };
    }
}
