package org.commcredits.ledger.console.view;

import org.commcredits.ledger.console.api.ApiAnswer;
import org.commcredits.ledger.console.api.ApiRefusals;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * How the pages write amounts and times, in templates as {@code ${@fmt.money(amount, currency)}}: every
 * amount with its currency, every instant in the tenant's time zone with the zone named.
 */
@Component("fmt")
public class Formats {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    public String money(Object amount, Object currency) {
        if (amount == null) {
            return "–";
        }
        String text = amount.toString();
        try {
            BigDecimal value = new BigDecimal(text);
            DecimalFormat grouped = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ENGLISH));
            grouped.setMinimumFractionDigits(Math.max(0, value.scale()));
            grouped.setMaximumFractionDigits(Math.max(0, value.scale()));
            text = grouped.format(value);
        } catch (NumberFormatException ignored) {
            // shown as the API wrote it
        }
        return currency == null ? text : text + " " + currency;
    }

    /** An amount with its currency when the value is one, else the value as it is (counts, nested figures). */
    public String amountOrValue(Object value, Object currency) {
        if (value instanceof String text && text.matches("-?\\d+(\\.\\d+)?")) {
            return money(text, currency);
        }
        return String.valueOf(value);
    }

    /** What a refused API answer means to a person ({@link ApiRefusals}). */
    public String refusal(ApiAnswer answer) {
        return ApiRefusals.explain(answer);
    }

    public String time(Object instant, String zone) {
        Instant at = parse(instant);
        if (at == null) {
            return "–";
        }
        ZoneId id = zone(zone);
        return TIME.format(at.atZone(id)) + " " + id.getId();
    }

    public String date(Object instant, String zone) {
        Instant at = parse(instant);
        return at == null ? "–" : DATE.format(at.atZone(zone(zone)));
    }

    /** Whole days from now until the instant, never negative. */
    public long daysLeft(Object instant, Object now) {
        Instant at = parse(instant);
        Instant from = parse(now);
        if (at == null || from == null) {
            return 0;
        }
        return Math.max(0, Duration.between(from, at).toDays());
    }

    public long percent(Object part, Object whole) {
        double w = number(whole);
        return w <= 0 ? 0 : Math.round(100 * number(part) / w);
    }

    public double number(Object value) {
        if (value == null) {
            return 0;
        }
        try {
            return Double.parseDouble(value.toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public static Instant parse(Object instant) {
        if (instant == null) {
            return null;
        }
        try {
            return Instant.parse(instant.toString()).truncatedTo(ChronoUnit.SECONDS);
        } catch (RuntimeException e) {
            return null;
        }
    }

    public static ZoneId zone(String zone) {
        try {
            return zone == null ? ZoneId.of("UTC") : ZoneId.of(zone);
        } catch (RuntimeException e) {
            return ZoneId.of("UTC");
        }
    }
}
