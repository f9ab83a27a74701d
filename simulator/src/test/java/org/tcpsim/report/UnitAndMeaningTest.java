package org.tcpsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tick labels carry SI prefixes and units, axis titles say what a column means. */
class UnitAndMeaningTest {
    @Test
    void ticksUseOnePrefixPerAxisChosenFromItsLargestValue() {
        int e = Unit.BITS_PER_SECOND.exponentFor(3.2e6);
        assertEquals("2 Mbit/s", Unit.BITS_PER_SECOND.format(2e6, e));
        assertEquals("0.5 Mbit/s", Unit.BITS_PER_SECOND.format(5e5, e));
        assertEquals("0", Unit.BITS_PER_SECOND.format(0, e).replace(" Mbit/s", ""));
        int s = Unit.SECONDS.exponentFor(0.08);
        assertEquals("50 ms", Unit.SECONDS.format(0.05, s));
        assertEquals("2.5 ms", Unit.SECONDS.format(0.0025, s));
        assertEquals("120 s", Unit.SECONDS.format(120, Unit.SECONDS.exponentFor(120)), "no kiloseconds");
        assertEquals("5 %", Unit.FRACTION.format(0.05, 0));
        assertEquals("16.67 %", Unit.FRACTION.format(0.16667, 0));
        assertEquals("22 500", Unit.NONE.format(22500, Unit.NONE.exponentFor(45000)));
        assertEquals("4000", Unit.NONE.format(4000, 0));
        assertEquals("1.5 M", Unit.NONE.format(1.5e6, Unit.NONE.exponentFor(3e6)));
        assertEquals("12000/s", Unit.PER_SECOND.format(12000, Unit.PER_SECOND.exponentFor(15000)));
        assertEquals("2 M/s", Unit.PER_SECOND.format(2e6, Unit.PER_SECOND.exponentFor(2e6)));
    }

    @Test
    void aColumnsMeaningAndUnitMakeItsAxisTitle() {
        assertEquals("bulk: goodput (bit/s)", ColumnMeaning.of("bulk.goodput_bps").title());
        assertEquals("storm-a: connections completed", ColumnMeaning.of("storm-a.ok").title());
        assertEquals("storm-a: connections failed with EADDRNOTAVAIL",
                ColumnMeaning.of("storm-a.failed.EADDRNOTAVAIL").title());
        assertEquals("client: connect latency, p99 (s)", ColumnMeaning.of("client.connect_latency_p99_s").title());
        assertEquals("probe: loss rate (%)", ColumnMeaning.of("probe.loss_rate").title());
        assertEquals("server: TcpExtListenOverflows", ColumnMeaning.of("server:TcpExtListenOverflows").title());
        assertEquals("sockets in TIME_WAIT", ColumnMeaning.of("tcp.state.TIME_WAIT").title());
        assertEquals("packets queued r1->r2", ColumnMeaning.of("qdisc.backlog_packets:r1->r2").title());
        assertEquals("packets dropped (softnet backlog)", ColumnMeaning.of("net.drops.softnet_backlog").title());
        assertEquals("net.ipv4.tcp_tw_reuse", ColumnMeaning.of("net.ipv4.tcp_tw_reuse").title());
        assertEquals("connections completed", ColumnMeaning.title(List.of("storm-a.ok", "storm-b.ok")));
        assertEquals("value (%)", ColumnMeaning.title(List.of("probe.loss_rate", "probe.reorder_rate")));
    }

    @Test
    void valuesWithUnitsPlaceOnANumericAxisAndLossModelsReadAsWords() {
        assertEquals(Unit.SECONDS, AxisValues.commonUnit(List.of("1ms", "5ms", "0.1s")));
        assertEquals(0.005, AxisValues.number("5ms", Unit.SECONDS));
        assertEquals(Unit.PER_SECOND, AxisValues.commonUnit(List.of("5000/s", "8000/s")));
        assertEquals(Unit.BITS_PER_SECOND, AxisValues.commonUnit(List.of("10Mbps", "1Gbps")));
        assertEquals(Unit.NONE, AxisValues.commonUnit(List.of("0", "0.01")));
        assertEquals(null, AxisValues.commonUnit(List.of("40000 40999", "40000 41999")));
        assertEquals("bernoulli p=0.01", AxisValues.label("{\"model\":\"bernoulli\",\"p\":0.01}"));
        assertEquals("gilbert-elliott p_gb=0.002 p_bg=0.198 loss_bad=1.0",
                AxisValues.label("{\"model\":\"gilbert-elliott\",\"p_gb\":0.002,\"p_bg\":0.198,\"loss_bad\":1.0}"));
    }
}
