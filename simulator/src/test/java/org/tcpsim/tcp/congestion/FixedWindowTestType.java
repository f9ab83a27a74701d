package org.tcpsim.tcp.congestion;

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
    public CongestionControl create() {
        return new CongestionControl() {
            @Override
            public String name() {
                return "test-fixed4";
            }

            @Override
            public void init(CongestionState tp) {
                tp.setCwnd(WINDOW);
            }

            @Override
            public int ssthresh(CongestionState tp) {
                return WINDOW;
            }

            @Override
            public void congAvoid(CongestionState tp, int ack, int acked) {
                tp.setCwnd(WINDOW);
            }

            @Override
            public int undoCwnd(CongestionState tp) {
                return WINDOW;
            }
        };
    }
}
