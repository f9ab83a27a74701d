/**
 * Workloads: programs that drive TCP sockets the way real applications do. A
 * {@link org.tcpsim.api.workload.WorkloadType} is named in an experiment's {@code "workloads"}
 * list ({@code {"type": NAME, PARAM: VALUE, ...}}); its configuration is a
 * {@link org.tcpsim.api.workload.Workload}, installed into each run through a
 * {@link org.tcpsim.api.workload.WorkloadContext}: the clock and timers, the workload's own random
 * streams, and non-blocking sockets ({@link org.tcpsim.api.workload.AppSocket}) that call back a
 * {@link org.tcpsim.api.workload.SocketHandler} as epoll would wake a program. Every entry may
 * also carry {@code "name"}, {@code "sockopt"} and {@code "congestion_control"}: the simulator
 * reads those and applies them to every socket the workload opens.
 */
package org.tcpsim.api.workload;
