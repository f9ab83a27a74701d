package org.tcpsim.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** `plot` options over the file's chart: replacing the data drops what was written for the old data. */
class ChartSpecOverrideTest {
    private static final ChartSpec FILE = new ChartSpec(ChartSpec.SUMMARY, "p", List.of("bulk.goodput_bps"), "cc",
            null, "goodput vs loss", "p (loss)", "goodput", false, true, true, false, Map.of("cc", "reno"),
            List.of(new ChartSpec.Reference("Mathis", List.of("0.01"), List.of(2.8e6))));

    private static ChartSpec.Override over(String source, String x, List<String> y) {
        return new ChartSpec.Override(source, x, y, null, null, null, null, null, null, false, false);
    }

    @Test
    void noOptionsKeepTheFilesChart() {
        assertEquals(FILE, FILE.with(over(null, null, null)));
    }

    @Test
    void anotherYDropsTitleFilterReferencesAndTheYAxisTitleAndLogScale() {
        ChartSpec c = FILE.with(over(null, null, List.of("bulk.retransmits")));
        assertEquals("", c.title());
        assertEquals(Map.of(), c.where());
        assertEquals(List.of(), c.references());
        assertEquals("", c.yTitle());
        assertFalse(c.logY());
        assertEquals("p (loss)", c.xTitle(), "the x axis is unchanged");
        assertTrue(c.logX());
        assertEquals("cc", c.series());
    }

    @Test
    void anotherXDropsTheXAxisTitleAndLogScaleButKeepsTheY() {
        ChartSpec c = FILE.with(over(null, "delay", null));
        assertEquals("", c.xTitle());
        assertFalse(c.logX());
        assertEquals("goodput", c.yTitle());
        assertTrue(c.logY());
        assertEquals("", c.title());
        assertEquals(List.of(), c.references());
    }

    @Test
    void anotherSourceDropsEverythingOfTheOldData() {
        ChartSpec c = FILE.with(over(ChartSpec.TIMESERIES, null, List.of("bulk.0.cwnd")));
        assertEquals(ChartSpec.TIMESERIES, c.source());
        assertEquals(null, c.series());
        assertEquals("", c.title());
        assertEquals(List.of(), c.references());
        assertEquals(Map.of(), c.where());
    }

    @Test
    void whatIsGivenAgainIsKept_andFlagsApplyWithoutReplacingData() {
        ChartSpec c = FILE.with(new ChartSpec.Override(null, null, List.of("bulk.retransmits"), null, null, "T", null,
                "Y", Map.of("cc", "cubic"), false, true));
        assertEquals("T", c.title());
        assertEquals("Y", c.yTitle());
        assertEquals(Map.of("cc", "cubic"), c.where());
        assertTrue(c.yFromZero());
        ChartSpec noRef = FILE.with(new ChartSpec.Override(null, null, null, null, null, null, null, null, null, true,
                false));
        assertEquals(List.of(), noRef.references());
        assertEquals("goodput vs loss", noRef.title());
    }
}
