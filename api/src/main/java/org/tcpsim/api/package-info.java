/**
 * The plugin API of tcpsim: what a congestion control ({@link org.tcpsim.api.congestion}), a
 * loss model ({@link org.tcpsim.api.loss}) or a workload ({@link org.tcpsim.api.workload})
 * implements, the services each may call, and how each declares its JSON parameters
 * ({@link org.tcpsim.api.Parameter}).
 *
 * <p>A plugin is a jar that lists its types in {@code META-INF/services/} under the interface it
 * implements ({@code org.tcpsim.api.congestion.CongestionControlType},
 * {@code org.tcpsim.api.loss.LossModelType}, {@code org.tcpsim.api.workload.WorkloadType}), as
 * {@link java.util.ServiceLoader} finds them. The API depends on nothing but the JDK: no JSON
 * library, no engine types. Time is a {@code long} of nanoseconds unless a name says otherwise
 * ({@code Us} for microseconds, as Linux's {@code tcp_mstamp}).
 */
package org.tcpsim.api;
