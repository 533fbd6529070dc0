package org.commcredits.ledger.query.usage;

import org.commcredits.ledger.api.error.ErrorCode;
import org.commcredits.ledger.api.error.LedgerException;
import org.commcredits.ledger.api.money.Money;
import org.commcredits.ledger.platform.storage.ProcessorPositions;
import org.commcredits.ledger.platform.web.CsvCells;
import org.commcredits.ledger.api.ids.CountryCode;
import org.commcredits.ledger.api.license.CallingEntitlements;
import org.commcredits.ledger.api.money.MoneyFormat;
import org.commcredits.ledger.api.pool.PoolKind;
import java.math.BigDecimal;
import org.commcredits.ledger.platform.web.RequestFields;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code GET /api/tenants/{tenantId}/usage?month=} (per plan and pool country: pool size, minutes used and
 * remaining, and what calls cost in credit) and {@code .../usage/records.csv?month=} (one row per call, in
 * the shape of a PSTN usage report).
 */
@RestController
class UsageController {

    static final String CSV_HEADER = "UsageId,UserId,UsageLocation,CallType,Destination,DestinationName,"
            + "DestinationCountry,StartTime,EndTime,DurationSeconds,MinutesFromPool,Charge,Currency,FundedBy,"
            + "RateCardId,RateCardVersion,"
            // Microsoft's PSTN usage report columns, after the ledger's own (docs/usage-reports.md)
            + "Call ID,Conference ID,User principal name,Phone number,Call type,Destination dialed,"
            + "Destination number,Domestic/International,Connection fee,Charge (report),Currency (ISO 4217),Capability";
    static final String POOLS_HEADER = "Country or region,Capability description,Total minutes,Minutes used,"
            + "Minutes available,Capability";
    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");

    private final JdbcTemplate jdbc;
    private final ProcessorPositions positions;

    UsageController(JdbcTemplate jdbc, ProcessorPositions positions) {
        this.jdbc = jdbc;
        this.positions = positions;
    }

    record PlanUsage(String plan, String country, long poolSizeMinutes, long minutesUsed, long minutesRemaining,
                     long holders, String creditsSpent, String postpaid, String unfunded, String currency, long calls) {

        /**
         * The field's name before pools were sized by license holders, kept (same value as {@code holders}) so
         * that clients written against the earlier answer keep working; deprecated, see docs/api-changes.md.
         */
        @com.fasterxml.jackson.annotation.JsonProperty("members")
        public long members() {
            return holders;
        }
    }

    record UsageView(String tenantId, String month, List<PlanUsage> items, Map<String, String> creditsSpent) {
    }

    @GetMapping(path = "/api/tenants/{tenantId}/usage", produces = "application/json")
    UsageView usage(@PathVariable String tenantId, @RequestParam(required = false) String month,
                    @RequestParam(required = false) Long minSequence) {
        RequestFields.id(tenantId, "tenantId");
        String m = month(month);
        positions.awaitSequence(UsageProjection.PROCESSOR, minSequence);
        Map<String, long[]> pools = new LinkedHashMap<>();
        jdbc.query("SELECT pool_kind, country, size_minutes, used_minutes, holders FROM rm_pool_usage "
                + "WHERE tenant_id = ? AND usage_month = ? ORDER BY pool_kind, country", rs -> {
            pools.put(rs.getString(1) + "|" + rs.getString(2), new long[]{rs.getLong(3), rs.getLong(4), rs.getLong(5)});
        }, tenantId, m);
        record Spend(String plan, String country, String currency, long credits, long postpaid, long unfunded, long calls) {
        }
        List<Spend> spends = jdbc.query("SELECT COALESCE(pool_kind, 'NONE'), "
                        + "COALESCE(pool_country, usage_location, destination_country, '--'), currency, SUM(credits_minor), "
                        + "SUM(postpaid_minor), SUM(unfunded_minor), COUNT(*) FROM rm_call_usage WHERE tenant_id = ? AND usage_month = ? "
                        + "GROUP BY COALESCE(pool_kind, 'NONE'), COALESCE(pool_country, usage_location, destination_country, '--'), currency "
                        + "ORDER BY 1, 2, 3",
                (rs, n) -> new Spend(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7)), tenantId, m);
        List<PlanUsage> items = new ArrayList<>();
        Map<String, Long> totals = new LinkedHashMap<>();
        for (Spend s : spends) {
            long[] pool = pools.remove(s.plan() + "|" + s.country());
            long size = pool == null ? 0 : pool[0];
            long used = pool == null ? 0 : pool[1];
            items.add(new PlanUsage(s.plan(), s.country(), size, used, size - used, pool == null ? 0 : pool[2],
                    money(s.credits(), s.currency()), money(s.postpaid(), s.currency()), money(s.unfunded(), s.currency()),
                    s.currency(), s.calls()));
            if (s.currency() != null) {
                totals.merge(s.currency(), s.credits(), Long::sum);
            }
        }
        pools.forEach((key, pool) -> {
            String[] parts = key.split("\\|");
            items.add(new PlanUsage(parts[0], parts[1], pool[0], pool[1], pool[0] - pool[1], pool[2], null, null, null,
                    null, 0));
        });
        Map<String, String> credits = new LinkedHashMap<>();
        totals.forEach((currency, minor) -> credits.put(currency, money(minor, currency)));
        return new UsageView(tenantId, m, items, credits);
    }

    @GetMapping(path = "/api/tenants/{tenantId}/usage/records.csv")
    ResponseEntity<String> records(@PathVariable String tenantId, @RequestParam(required = false) String month,
                                   @RequestParam(required = false) Long minSequence) {
        RequestFields.id(tenantId, "tenantId");
        String m = month(month);
        positions.awaitSequence(UsageProjection.PROCESSOR, minSequence);
        StringBuilder csv = new StringBuilder(CSV_HEADER).append("\r\n");
        jdbc.query("SELECT call_id, user_id, usage_location, call_type, destination, destination_name, destination_country, "
                + "started_at, ended_at, duration_seconds, minutes_from_pool, charge_minor, currency, funded_by, "
                + "rate_card_id, rate_card_version, pool_kind, connection_fee_e4 FROM rm_call_usage "
                + "WHERE tenant_id = ? AND usage_month = ? ORDER BY started_at, call_id", rs -> {
            String currency = rs.getString(13);
            String charge = nullToEmpty(money(rs.getLong(12), currency));
            String location = rs.getString(3);
            String country = rs.getString(7);
            boolean domestic = location != null && country != null
                    && CallingEntitlements.isDomestic(CountryCode.of(location), CountryCode.of(country));
            String fundedBy = rs.getString(14);
            String pool = rs.getString(17);
            Object feeE4 = rs.getObject(18);
            String fee = currency == null ? "" : feeE4 == null ? money(0, currency)
                    : MoneyFormat.round(BigDecimal.valueOf(((Number) feeE4).longValue(), 4), currency).toPlainString();
            List<Object> fields = Arrays.asList(rs.getString(1), nullToEmpty(rs.getString(2)), nullToEmpty(rs.getString(3)),
                    rs.getString(4), rs.getString(5), nullToEmpty(rs.getString(6)), nullToEmpty(rs.getString(7)),
                    rs.getTimestamp(8).toInstant().toString(), rs.getTimestamp(9).toInstant().toString(), rs.getLong(10),
                    rs.getLong(11), nullToEmpty(money(rs.getLong(12), currency)), nullToEmpty(currency), rs.getString(14),
                    nullToEmpty(rs.getString(15)), rs.getObject(16) == null ? "" : rs.getLong(16),
                    rs.getString(1), rs.getString(4).equals("CONFERENCE_DIAL_OUT") ? rs.getString(1) : "",
                    nullToEmpty(rs.getString(2)), "", TeamsReportCodes.callType(rs.getString(4)),
                    nullToEmpty(rs.getString(6) != null ? rs.getString(6) : country), rs.getString(5),
                    domestic ? "Domestic" : "International", fee, charge, nullToEmpty(currency),
                    "INCLUDED_MINUTES".equals(fundedBy) && pool != null
                            ? TeamsReportCodes.capability(PoolKind.valueOf(pool)) : TeamsReportCodes.COMMUNICATION_CREDITS);
            for (int i = 0; i < fields.size(); i++) {
                csv.append(i == 0 ? "" : ",").append(quoted(String.valueOf(fields.get(i))));
            }
            csv.append("\r\n");
        }, tenantId, m);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv;charset=UTF-8")).body(csv.toString());
    }

    /** Microsoft's minute-pools report: one row per pool of the month. */
    @GetMapping(path = "/api/tenants/{tenantId}/usage/minute-pools.csv")
    ResponseEntity<String> minutePools(@PathVariable String tenantId, @RequestParam(required = false) String month,
                                       @RequestParam(required = false) Long minSequence) {
        RequestFields.id(tenantId, "tenantId");
        String m = month(month);
        positions.awaitSequence(UsageProjection.PROCESSOR, minSequence);
        StringBuilder csv = new StringBuilder(POOLS_HEADER).append("\r\n");
        jdbc.query("SELECT country, pool_kind, size_minutes, used_minutes FROM rm_pool_usage "
                + "WHERE tenant_id = ? AND usage_month = ? ORDER BY country, pool_kind", rs -> {
            PoolKind kind = PoolKind.valueOf(rs.getString(2));
            long size = rs.getLong(3);
            long used = rs.getLong(4);
            List<String> fields = List.of(rs.getString(1), TeamsReportCodes.description(kind), String.valueOf(size),
                    String.valueOf(used), String.valueOf(Math.max(0, size - used)), TeamsReportCodes.capability(kind));
            for (int i = 0; i < fields.size(); i++) {
                csv.append(i == 0 ? "" : ",").append(quoted(fields.get(i)));
            }
            csv.append("\r\n");
        }, tenantId, m);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv;charset=UTF-8")).body(csv.toString());
    }

    static String month(String month) {
        try {
            if (month != null && MONTH.matcher(month).matches()) {
                return YearMonth.parse(month).toString();
            }
        } catch (DateTimeParseException ignored) {
            // answered below
        }
        throw new LedgerException(ErrorCode.INVALID_MONTH, "month must be YYYY-MM, such as 2026-11");
    }

    /** Absent (null) for calls no currency priced: a tenant without a credit account and without a rate. */
    private static String money(long minor, String currency) {
        return currency == null ? null : Money.ofMinor(minor, currency).toPlainString();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    /** INV-IN-06: neutralised against formula injection, E.164 numbers intact, then quoted as needed. */
    private static String quoted(String value) {
        return CsvCells.field(value);
    }
}
