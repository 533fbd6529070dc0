package org.commcredits.ledger.console.reports;

import org.commcredits.ledger.console.view.Formats;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The month's usage records as the API's {@code records.csv} writes them, read back for the page: a page
 * of rows, the spend per day (in the tenant's time zone) and the top destinations by spend.
 */
public record UsageRecords(List<String> header, List<Map<String, String>> rows) {

    public record Day(LocalDate day, BigDecimal spend, long calls) {
    }

    public record Destination(String name, String country, BigDecimal spend, long calls, long seconds) {
    }

    static UsageRecords parse(String csv) {
        List<List<String>> lines = Csv.read(csv);
        if (lines.isEmpty()) {
            return new UsageRecords(List.of(), List.of());
        }
        List<String> header = lines.get(0);
        List<Map<String, String>> rows = new ArrayList<>(lines.size());
        for (List<String> line : lines.subList(1, lines.size())) {
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size() && i < line.size(); i++) {
                row.put(header.get(i), line.get(i));
            }
            rows.add(row);
        }
        return new UsageRecords(header, rows);
    }

    List<Map<String, String>> page(int page, int size) {
        int from = Math.min(rows.size(), page * size);
        return rows.subList(from, Math.min(rows.size(), from + size));
    }

    String currency() {
        return rows.stream().map(row -> row.get("Currency")).filter(c -> c != null && !c.isEmpty()).findFirst().orElse(null);
    }

    /** Every day of the month (so the chart spans it), with the calls that started on it. */
    List<Day> spendPerDay(ZoneId zone, java.time.YearMonth month) {
        Map<LocalDate, BigDecimal> spend = new TreeMap<>();
        Map<LocalDate, Long> calls = new TreeMap<>();
        for (LocalDate day = month.atDay(1); !day.isAfter(month.atEndOfMonth()); day = day.plusDays(1)) {
            spend.put(day, BigDecimal.ZERO);
            calls.put(day, 0L);
        }
        for (Map<String, String> row : rows) {
            Instant start = Formats.parse(row.get("StartTime"));
            if (start == null) {
                continue;
            }
            LocalDate day = start.atZone(zone).toLocalDate();
            spend.merge(day, amount(row.get("Charge")), BigDecimal::add);
            calls.merge(day, 1L, Long::sum);
        }
        List<Day> days = new ArrayList<>();
        spend.forEach((day, total) -> days.add(new Day(day, total, calls.get(day))));
        return days;
    }

    List<Destination> topDestinations(int limit) {
        Map<String, Destination> byName = new LinkedHashMap<>();
        for (Map<String, String> row : rows) {
            String name = row.getOrDefault("DestinationName", "");
            String country = row.getOrDefault("DestinationCountry", "");
            String key = name + "|" + country;
            Destination seen = byName.get(key);
            BigDecimal charge = amount(row.get("Charge"));
            long seconds = whole(row.get("DurationSeconds"));
            byName.put(key, seen == null ? new Destination(name.isEmpty() ? "(unknown)" : name, country, charge, 1, seconds)
                    : new Destination(seen.name(), country, seen.spend().add(charge), seen.calls() + 1, seen.seconds() + seconds));
        }
        return byName.values().stream()
                .sorted(Comparator.comparing(Destination::spend).reversed().thenComparing(Destination::calls, Comparator.reverseOrder()))
                .limit(limit).toList();
    }

    private static BigDecimal amount(String value) {
        try {
            return value == null || value.isEmpty() ? BigDecimal.ZERO : new BigDecimal(value);
        } catch (NumberFormatException e) {
            return BigDecimal.ZERO;
        }
    }

    private static long whole(String value) {
        try {
            return value == null || value.isEmpty() ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
