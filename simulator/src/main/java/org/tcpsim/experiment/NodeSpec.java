package org.tcpsim.experiment;

import org.tcpsim.net.NodeKind;

/**
 * A topology node as declared.
 *
 * @param address the host's address, a router's (optional, 0 when absent) or a NAT's public one
 * @param inside  a NAT's address on its private side, else 0
 */
public record NodeSpec(String name, NodeKind kind, int address, int inside) {
}
