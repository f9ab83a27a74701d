package org.tcpsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.text.DecimalFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

/** A log axis less than a decade wide is labelled at the data's ends: those labels must read as the data. */
class LogAxisLabelsTest {
    private static ChartData goodputAt80ms(double... losses) {
        List<ChartData.Point> points = List.of(
                new ChartData.Point("a", losses[0], 1.64e6, Double.NaN, Double.NaN, 1),
                new ChartData.Point("b", losses[1], 1.08e6, Double.NaN, Double.NaN, 1));
        return new ChartData("t", "p", "goodput", Unit.NONE, Unit.BITS_PER_SECOND, false, true, true, false,
                List.of(), List.of(new ChartData.Series("reno", false, points)), "");
    }

    @Test
    void labelsKeepThreeDigitsNotOne() {
        XYChart chart = (XYChart) ChartRenderer.render(goodputAt80ms(0.01, 0.02));
        DecimalFormat y = new DecimalFormat(chart.getStyler().getYAxisDecimalPattern());
        assertEquals("1,640,000", y.format(1.64e6), "XChart's default wrote 2E6 for the top of the data");
        assertEquals("1,080,000", y.format(1.08e6));
        DecimalFormat x = new DecimalFormat(chart.getStyler().getXAxisDecimalPattern());
        assertEquals("0.01", x.format(0.01));
        assertEquals("0.0001", x.format(0.0001));
    }

    @Test
    void valuesBelowTenToTheMinusFourAreWrittenInENotation() {
        XYChart chart = (XYChart) ChartRenderer.render(goodputAt80ms(1e-6, 1e-5));
        DecimalFormat x = new DecimalFormat(chart.getStyler().getXAxisDecimalPattern());
        assertEquals("1E-6", x.format(1e-6), "a plain pattern would print 0");
        assertEquals("2.5E-5", x.format(2.5e-5));
    }
}
