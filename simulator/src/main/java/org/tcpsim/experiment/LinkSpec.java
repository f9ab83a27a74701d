package org.tcpsim.experiment;

import org.tcpsim.net.LinkDirection;

/** A link as declared: its two ends and what each direction does. */
public record LinkSpec(String a, String b, LinkDirection aToB, LinkDirection bToA) {
}
