/**
 * Loss models: what decides, packet by packet, whether one direction of a link loses a packet.
 * A {@link org.tcpsim.api.loss.LossModelType} is named in a link's JSON
 * ({@code "loss": {"model": NAME, PARAM: VALUE, ...}}); its configuration makes one
 * {@link org.tcpsim.api.loss.LossModel} per link direction and run.
 */
package org.tcpsim.api.loss;
