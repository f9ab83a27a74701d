package org.tcpsim.plugin.jarred;

import java.util.List;
import org.tcpsim.api.Parameter;
import org.tcpsim.api.Parameters;
import org.tcpsim.api.congestion.CongestionControl;
import org.tcpsim.api.congestion.CongestionControlFactory;
import org.tcpsim.api.congestion.CongestionControlType;
import org.tcpsim.api.congestion.TcpCong;
import org.tcpsim.api.congestion.TcpSock;

/**
 * Test plugins that reach the simulator only inside jars the tests build (no services file on the
 * test classpath names them): a Reno with a fixed-window cap taken from a parameter.
 */
public class JarCongestionType implements CongestionControlType {
    @Override
    public String name() {
        return "jar-capped";
    }

    @Override
    public String description() {
        return "test plugin from a jar: Reno with cwnd capped at `cap`";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(Parameter.integer("cap", 6, 2, 1000, "largest cwnd"));
    }

    @Override
    public CongestionControlFactory configure(Parameters params) {
        int cap = (int) params.integer("cap");
        return () -> new CongestionControl() {
            @Override
            public void init(TcpSock sk) {
                sk.setCwnd(Math.min(sk.cwnd(), cap));
            }

            @Override
            public int ssthresh(TcpSock sk) {
                return TcpCong.tcpRenoSsthresh(sk);
            }

            @Override
            public void congAvoid(TcpSock sk, int ack, int acked) {
                TcpCong.tcpRenoCongAvoid(sk, ack, acked);
                sk.setCwnd(Math.min(sk.cwnd(), cap));
            }

            @Override
            public int undoCwnd(TcpSock sk) {
                return Math.min(cap, TcpCong.tcpRenoUndoCwnd(sk));
            }
        };
    }

    /** Another class claiming the same name. */
    public static final class SameName extends JarCongestionType {
    }

    /** Claims a built-in's name. */
    public static final class NamedCubic extends JarCongestionType {
        @Override
        public String name() {
            return "cubic";
        }
    }

    /** Its constructor throws. */
    public static final class ThrowsOnCreate extends JarCongestionType {
        public ThrowsOnCreate() {
            throw new IllegalStateException("cannot start");
        }
    }

    /** name() throws. */
    public static final class ThrowsInName extends JarCongestionType {
        @Override
        public String name() {
            throw new UnsupportedOperationException("no name");
        }
    }

    /** A module with neither cong_avoid nor cong_control. */
    public static final class NoHooks extends JarCongestionType {
        @Override
        public String name() {
            return "jar-nohooks";
        }

        @Override
        public CongestionControlFactory configure(Parameters params) {
            return () -> new CongestionControl() {
                @Override
                public int ssthresh(TcpSock sk) {
                    return 2;
                }

                @Override
                public int undoCwnd(TcpSock sk) {
                    return 2;
                }
            };
        }
    }

    /** cong_avoid throws: a bug in a plugin, found during a run. */
    public static final class ThrowsInCongAvoid extends JarCongestionType {
        @Override
        public String name() {
            return "jar-throws";
        }

        @Override
        public CongestionControlFactory configure(Parameters params) {
            return () -> new CongestionControl() {
                @Override
                public int ssthresh(TcpSock sk) {
                    return TcpCong.tcpRenoSsthresh(sk);
                }

                @Override
                public void congAvoid(TcpSock sk, int ack, int acked) {
                    throw new IllegalStateException("cong_avoid failed on purpose");
                }

                @Override
                public int undoCwnd(TcpSock sk) {
                    return TcpCong.tcpRenoUndoCwnd(sk);
                }
            };
        }
    }

    /**
     * cong_avoid calls the simulator's own Reno, which a plugin cannot see (its class loader shows
     * it the JDK, the API and its jar): a class missing when the plugin runs.
     */
    public static final class UsesTheSimulator extends JarCongestionType {
        @Override
        public String name() {
            return "jar-internal";
        }

        @Override
        public CongestionControlFactory configure(Parameters params) {
            return () -> new CongestionControl() {
                @Override
                public int ssthresh(TcpSock sk) {
                    return TcpCong.tcpRenoSsthresh(sk);
                }

                @Override
                public void congAvoid(TcpSock sk, int ack, int acked) {
                    new org.tcpsim.tcp.congestion.Reno().congAvoid(sk, ack, acked);
                }

                @Override
                public int undoCwnd(TcpSock sk) {
                    return TcpCong.tcpRenoUndoCwnd(sk);
                }
            };
        }
    }
}
