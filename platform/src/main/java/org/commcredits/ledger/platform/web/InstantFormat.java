package org.commcredits.ledger.platform.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one rule for instants in request bodies and uploads (INV-IN-04): ISO-8601 as {@link Instant#parse}
 * reads it, in the years 2000 to 9999. {@code Instant.parse} also reads {@code +99999-01-01T00:00:00Z} and
 * {@code 0001-01-01T00:00:00Z}; no call, funding or price of this ledger is dated there, and such values
 * overflow the SQL timestamp columns and the month arithmetic, so they are refused at the edge.
 */
public final class InstantFormat {

    /** The first instant accepted: 2000-01-01T00:00:00Z. */
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    /** The first instant no longer accepted: 10000-01-01T00:00:00Z (the last accepted year is 9999). */
    public static final Instant END = LocalDate.of(10_000, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();

    /** What the rule reads like in an error detail. */
    public static final String RULE = "an ISO-8601 UTC instant such as 2026-11-25T10:00:00Z, in the years 2000 to 9999";

    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    private InstantFormat() {
    }

    /** The instant, or empty when the text is not an ISO-8601 instant or lies outside the years 2000 to 9999. */
    public static Optional<Instant> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return inRange(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * An instant, or a calendar date {@code YYYY-MM-DD} meaning 00:00 UTC that day, the way price sheets date
     * their rows (rate cards' {@code effectiveFrom}). Same range as {@link #parse}.
     */
    public static Optional<Instant> parseInstantOrDate(String text) {
        if (text != null && DATE.matcher(text).matches()) {
            try {
                return inRange(LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant());
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return parse(text);
    }

    private static Optional<Instant> inRange(Instant instant) {
        return instant.isBefore(EARLIEST) || !instant.isBefore(END) ? Optional.empty() : Optional.of(instant);
    }
}
