package org.tcpsim.packetdrill;

import org.tcpsim.kernel.KernelVersion;

/**
 * How a script is run: the local kernel's profile and packetdrill's options (defaults as its
 * config.c sets them: 4 ms or 12.5 % of the interval; TS val not checked; TSO joining on).
 *
 * @param tsTickUs       --tcp_ts_tick_usecs: microseconds per TS val tick, 0 to leave TS val unchecked
 * @param tsEcrScaled    --tcp_ts_ecr_scaled: inbound TS ecr without a matching outbound TS val is interpolated
 * @param strictSegments --strict_segments: each outbound line is exactly one segment (no joining)
 */
record RunConfig(KernelVersion kernel, long toleranceUs, double tolerancePercent, long tsTickUs, boolean tsEcrScaled,
                 boolean strictSegments, int mtu, boolean verbose) {

    static RunConfig defaults(KernelVersion kernel) {
        return new RunConfig(kernel, 4000, 12.5, 0, false, false, ScriptHost.MTU, false);
    }

    RunConfig withToleranceUs(long us) {
        return new RunConfig(kernel, us, tolerancePercent, tsTickUs, tsEcrScaled, strictSegments, mtu, verbose);
    }

    RunConfig withTolerancePercent(double p) {
        return new RunConfig(kernel, toleranceUs, p, tsTickUs, tsEcrScaled, strictSegments, mtu, verbose);
    }

    RunConfig withTsTick(long us) {
        return new RunConfig(kernel, toleranceUs, tolerancePercent, us, tsEcrScaled, strictSegments, mtu, verbose);
    }

    RunConfig withTsEcrScaled() {
        return new RunConfig(kernel, toleranceUs, tolerancePercent, tsTickUs, true, strictSegments, mtu, verbose);
    }

    RunConfig withStrictSegments() {
        return new RunConfig(kernel, toleranceUs, tolerancePercent, tsTickUs, tsEcrScaled, true, mtu, verbose);
    }

    RunConfig withMtu(int m) {
        return new RunConfig(kernel, toleranceUs, tolerancePercent, tsTickUs, tsEcrScaled, strictSegments, m, verbose);
    }

    RunConfig withVerbose(boolean v) {
        return new RunConfig(kernel, toleranceUs, tolerancePercent, tsTickUs, tsEcrScaled, strictSegments, mtu, v);
    }
}
