package org.tcpsim.experiment;

import org.tcpsim.nat.NatPortSelection;
import org.tcpsim.net.NodeKind;

/**
 * A topology node as declared.
 *
 * @param address       the host's address, a router's (optional, 0 when absent) or a NAT's first public one
 * @param publicCount   a NAT's number of consecutive public addresses from {@code address}, else 1
 * @param inside        a NAT's address on its private side, else 0
 * @param insidePrefix  a NAT's private prefix length (sources inside it are masqueraded), else 0
 * @param portSelection a NAT's source-port choice, else null
 */
public record NodeSpec(String name, NodeKind kind, int address, int publicCount, int inside, int insidePrefix,
                       NatPortSelection portSelection) {
}
