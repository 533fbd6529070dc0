package org.commcredits.ledger.command.rating;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import org.commcredits.ledger.api.error.ErrorCode;
import org.commcredits.ledger.api.error.LedgerException;
import org.commcredits.ledger.api.money.Currencies;
import org.commcredits.ledger.api.money.MoneyFormat;
import org.commcredits.ledger.api.rating.RateRow;
import org.commcredits.ledger.platform.web.InstantFormat;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a rate card CSV ({@code prefix,destination,perMinute,connectionFee,currency,effectiveFrom}, header
 * first). A prefix may be written with or without its {@code +}; {@code effectiveFrom} is a date (00:00 UTC)
 * or an instant (INV-IN-01). INV-RATE-01: a file is accepted whole or rejected whole; the rejection lists every bad line by
 * its number (the header is line 1) in {@code 400 INVALID_RATE_CARD}.
 */
final class RateCardCsv {

    static final List<String> HEADER = List.of("prefix", "destination", "perMinute", "connectionFee", "currency", "effectiveFrom");
    static final int MAX_PRICE_DECIMALS = 4;
    private static final int MAX_LISTED_ERRORS = 50;
    private static final Pattern PREFIX = Pattern.compile("\\+?[0-9]{1,15}");
    private static final Pattern PRICE = Pattern.compile("\\d{1,7}(\\.\\d{1,4})?");
    private static final CsvMapper CSV = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.TRIM_SPACES);

    private RateCardCsv() {
    }

    static List<RateRow> parse(String text) {
        List<String> errors = new ArrayList<>();
        List<RateRow> rows = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try (MappingIterator<String[]> lines = CSV.readerFor(String[].class).readValues(text == null ? "" : text)) {
            boolean header = true;
            while (lines.hasNextValue()) {
                String[] fields = lines.nextValue();
                int line = lineOf(lines);
                if (header) {
                    header = false;
                    if (!HEADER.equals(List.of(fields))) {
                        errors.add("line " + line + ": the header must be " + String.join(",", HEADER));
                        break;
                    }
                    continue;
                }
                if (fields.length == 1 && fields[0].isEmpty()) {
                    continue; // a blank line
                }
                row(line, fields, errors, seen).ifPresent(rows::add);
            }
        } catch (IOException | RuntimeException malformed) {
            errors.add("the file is not valid CSV: " + firstLine(malformed.getMessage()));
        }
        if (errors.isEmpty() && rows.isEmpty()) {
            errors.add("the file has no rate rows");
        }
        if (!errors.isEmpty()) {
            List<String> listed = errors.size() > MAX_LISTED_ERRORS ? errors.subList(0, MAX_LISTED_ERRORS) : errors;
            String more = errors.size() > MAX_LISTED_ERRORS ? "; and " + (errors.size() - MAX_LISTED_ERRORS) + " more" : "";
            throw new LedgerException(ErrorCode.INVALID_RATE_CARD, String.join("; ", listed) + more);
        }
        return rows;
    }

    private static java.util.Optional<RateRow> row(int line, String[] f, List<String> errors, Set<String> seen) {
        int before = errors.size();
        if (f.length != HEADER.size()) {
            errors.add("line " + line + ": expected " + HEADER.size() + " fields, found " + f.length);
            return java.util.Optional.empty();
        }
        String prefix = f[0].startsWith("+") ? f[0].substring(1) : f[0];
        if (!PREFIX.matcher(f[0]).matches()) {
            errors.add("line " + line + ": prefix must be 1 to 15 digits, with or without a leading +");
        }
        if (f[1].isEmpty() || f[1].length() > 100) {
            errors.add("line " + line + ": destination must be 1 to 100 characters");
        }
        long perMinute = price(line, f[2], "perMinute", errors);
        long fee = price(line, f[3], "connectionFee", errors);
        if (!Currencies.isSupported(f[4])) {
            errors.add("line " + line + ": currency must be a supported ISO 4217 code such as USD");
        }
        // INV-IN-01: price sheets date rows as days; a date is 00:00 UTC that day, an instant is taken as written.
        Instant effectiveFrom = InstantFormat.parseInstantOrDate(f[5]).orElse(null);
        if (effectiveFrom == null) {
            errors.add("line " + line + ": effectiveFrom must be a date such as 2026-01-01 (00:00 UTC) or "
                    + InstantFormat.RULE);
        }
        if (errors.size() > before) {
            return java.util.Optional.empty();
        }
        if (!seen.add(prefix + "|" + f[4] + "|" + effectiveFrom)) {
            errors.add("line " + line + ": another row has the same prefix, currency and effectiveFrom");
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new RateRow(prefix, f[1], f[4], perMinute, fee, effectiveFrom));
    }

    private static long price(int line, String text, String name, List<String> errors) {
        if (!PRICE.matcher(text).matches() || new BigDecimal(text).compareTo(MoneyFormat.MAXIMUM) > 0) {
            errors.add("line " + line + ": " + name + " must be a non-negative decimal with at most "
                    + MAX_PRICE_DECIMALS + " decimals, such as 0.0123");
            return -1;
        }
        return new BigDecimal(text).setScale(MAX_PRICE_DECIMALS, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
    }

    /** The line the record just read started on: the parser stands at the start of the next line by then. */
    private static int lineOf(MappingIterator<String[]> lines) {
        var at = lines.getCurrentLocation();
        return at.getColumnNr() <= 1 ? at.getLineNr() - 1 : at.getLineNr();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
