package org.tcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tcpsim.kernel.KernelVersion;
import org.tcpsim.kernel.Sysctls;

/**
 * tcp_tso_segs as {@link Pacing#tsoSegs} answers it: from the pacing rate, the MSS, min_rtt and the
 * floor, and the answer it keeps for the inputs asked last is the one a fresh computation gives.
 */
class PacingTsoSegsTest {

    private static Pacing pacing() {
        TcpHostTest.ListHost host = new TcpHostTest.ListHost(Sysctls.defaults(KernelVersion.V6_18));
        TcpStack stack = new TcpStack(host);
        TcpSocket s = stack.connect(0xc0000201, 8080, SocketOptions.DEFAULTS, new SocketCallbacks() { });
        return s.snd.pacing;
    }

    @Test
    void tcp_tso_autosize_from_rate_and_min_rtt() {
        Pacing p = pacing();
        // no rate: the 64 KiB GSO maximum, 45 segments of 1448
        assertEquals(65536 / 1448, p.tsoSegs(1448, 2, 20_000));
        // 12.5 MB/s: rate >> 10 = 12 207 bytes, 8 segments; min_rtt 20 ms adds nothing (>> 9 is 39)
        p.rate = 12_500_000;
        assertEquals(12_207 / 1448, p.tsoSegs(1448, 2, 20_000));
        // the same rate on a 100 us path: + 64 KiB >> 0, capped at 64 KiB
        assertEquals(65536 / 1448, p.tsoSegs(1448, 2, 100));
        // 1 MB/s: 976 bytes, below one segment: the floor
        p.rate = 1_000_000;
        assertEquals(2, p.tsoSegs(1448, 2, 20_000));
        assertEquals(3, p.tsoSegs(1448, 3, 20_000));
    }

    /** Random inputs, each often asked again and one at a time changed: never a stale answer. */
    @Test
    void the_answer_kept_is_that_of_the_inputs_asked() {
        for (int seed = 1; seed <= 50; seed++) {
            Random rnd = new Random(seed);
            Pacing kept = pacing();
            long rate = Pacing.UNLIMITED;
            int mss = 1448;
            int minRtt = 20_000;
            int floor = 2;
            for (int i = 0; i < 400; i++) {
                switch (rnd.nextInt(6)) {
                    case 0 -> rate = rnd.nextBoolean() ? Pacing.UNLIMITED : rnd.nextInt(200_000_000);
                    case 1 -> mss = 500 + rnd.nextInt(9000);
                    case 2 -> minRtt = rnd.nextBoolean() ? -1 : rnd.nextInt(1 << 20);
                    case 3 -> floor = 1 + rnd.nextInt(3);
                    default -> { } // the same inputs again
                }
                kept.rate = rate;
                Pacing fresh = pacing();
                fresh.rate = rate;
                assertEquals(fresh.tsoSegs(mss, floor, minRtt), kept.tsoSegs(mss, floor, minRtt),
                        "seed " + seed + " step " + i);
            }
        }
    }
}
