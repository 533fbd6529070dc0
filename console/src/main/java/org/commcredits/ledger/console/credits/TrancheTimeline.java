package org.commcredits.ledger.console.credits;

import org.commcredits.ledger.console.view.Formats;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Tranches laid out on one time axis, from the first purchase to the last expiry, for an SVG drawn by the
 * template (coordinates in a 1000-wide view box; no inline styles, which the CSP forbids).
 */
public record TrancheTimeline(List<Bar> bars, double nowX, Instant from, Instant to) {

    public static final int WIDTH = 1000;

    /** One tranche: where its bar starts and ends, and how much of it is left. */
    public record Bar(Map<String, Object> tranche, double x, double width, double remainingWidth, double y, long daysLeft) {
    }

    public static TrancheTimeline of(List<Map<String, Object>> tranches, Instant now) {
        if (tranches.isEmpty()) {
            return new TrancheTimeline(List.of(), 0, now, now);
        }
        Instant from = now;
        Instant to = now;
        for (Map<String, Object> tranche : tranches) {
            Instant purchased = Formats.parse(tranche.get("purchasedAt"));
            Instant expires = Formats.parse(tranche.get("expiresAt"));
            if (purchased != null && purchased.isBefore(from)) {
                from = purchased;
            }
            if (expires != null && expires.isAfter(to)) {
                to = expires;
            }
        }
        double span = Math.max(1, Duration.between(from, to).getSeconds());
        List<Bar> bars = new ArrayList<>();
        int row = 0;
        for (Map<String, Object> tranche : tranches) {
            Instant purchased = Formats.parse(tranche.get("purchasedAt"));
            Instant expires = Formats.parse(tranche.get("expiresAt"));
            if (purchased == null || expires == null) {
                continue;
            }
            double x = WIDTH * Duration.between(from, purchased).getSeconds() / span;
            double width = Math.max(4, WIDTH * Duration.between(purchased, expires).getSeconds() / span);
            double original = number(tranche.get("original"));
            double remaining = number(tranche.get("remaining"));
            double left = original <= 0 ? 0 : width * Math.min(1, remaining / original);
            long days = Math.max(0, Duration.between(now, expires).toDays());
            bars.add(new Bar(tranche, round(x), round(width), round(left), 8 + 30 * row++, days));
        }
        return new TrancheTimeline(bars, round(WIDTH * Duration.between(from, now).getSeconds() / span), from, to);
    }

    public int height() {
        return 16 + 30 * bars.size();
    }

    private static double number(Object value) {
        try {
            return value == null ? 0 : Double.parseDouble(value.toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
