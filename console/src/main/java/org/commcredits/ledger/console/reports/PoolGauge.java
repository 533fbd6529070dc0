package org.commcredits.ledger.console.reports;

import java.util.Map;

/**
 * One minute pool drawn as a bar of used against total, with marks at 80% and 100% (the pool
 * notifications' thresholds). The scale reaches past 100% when the pool is overdrawn, so the marks stay
 * readable; coordinates are in a 400-wide view box.
 */
public record PoolGauge(Map<String, Object> pool, long used, long total, long percent, double usedWidth, double mark80,
                 double mark100, String level) {

    static final double WIDTH = 400;

    static PoolGauge of(Map<String, Object> pool) {
        long used = number(pool.get("minutesUsed"));
        long total = number(pool.get("poolSizeMinutes"));
        long percent = total <= 0 ? 0 : Math.round(100.0 * used / total);
        double scale = Math.max(1.25, total <= 0 ? 1.25 : (double) used / total + 0.05);
        double usedWidth = total <= 0 ? 0 : WIDTH * Math.min((double) used / total, scale) / scale;
        String level = percent >= 100 ? "full" : percent >= 80 ? "warn" : "ok";
        return new PoolGauge(pool, used, total, percent, round(usedWidth), round(WIDTH * 0.8 / scale), round(WIDTH / scale), level);
    }

    private static long number(Object value) {
        try {
            return value == null ? 0 : Long.parseLong(value.toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
