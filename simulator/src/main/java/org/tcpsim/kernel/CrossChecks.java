package org.tcpsim.kernel;

import static org.tcpsim.kernel.SysctlNames.IP_LOCAL_PORT_RANGE;
import static org.tcpsim.kernel.SysctlNames.IP_UNPRIVILEGED_PORT_START;

/**
 * Checks that involve more than one number, only where Linux itself rejects the write
 * (sysctl_net_ipv4.c: ipv4_local_port_range, ipv4_privileged_ports). Writes apply in order,
 * as with sysctl -p, so the check uses the values set so far.
 */
final class CrossChecks {
    private CrossChecks() {
    }

    static void check(Sysctls current, SysctlSpec spec, SysctlValue value) throws SysctlException {
        switch (spec.name()) {
            case IP_LOCAL_PORT_RANGE -> checkPortRange(current, spec, value.numbersView());
            case IP_UNPRIVILEGED_PORT_START -> checkUnprivilegedStart(current, spec, value.numbersView()[0]);
            default -> { }
        }
    }

    private static void checkPortRange(Sysctls current, SysctlSpec spec, long[] range) throws SysctlException {
        long low = range[0];
        long high = range[1];
        if (high < low) {
            throw range(spec, spec.name() + ": LOW (" + low + ") must not be greater than HIGH (" + high + ")");
        }
        if (current.has(IP_UNPRIVILEGED_PORT_START)) {
            long start = current.getLong(IP_UNPRIVILEGED_PORT_START);
            if (low < start) {
                throw range(spec, spec.name() + ": LOW (" + low + ") must be >= " + IP_UNPRIVILEGED_PORT_START
                        + " (" + start + "); lower that first");
            }
        }
    }

    private static void checkUnprivilegedStart(Sysctls current, SysctlSpec spec, long start) throws SysctlException {
        long low = current.getVector(IP_LOCAL_PORT_RANGE)[0];
        if (low < start) {
            throw range(spec, spec.name() + " (" + start + ") must not be greater than the LOW end of "
                    + IP_LOCAL_PORT_RANGE + " (" + low + "); raise that first");
        }
    }

    private static SysctlException range(SysctlSpec spec, String message) {
        return new SysctlException(SysctlException.Kind.RANGE, spec.name(), message);
    }
}
