package org.commcredits.ledger.query.statements;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.commcredits.ledger.api.error.ErrorCode;
import org.commcredits.ledger.api.error.LedgerException;
import org.commcredits.ledger.api.money.Money;
import org.commcredits.ledger.platform.web.CsvCells;
import org.commcredits.ledger.platform.web.RequestFields;
import org.commcredits.ledger.query.history.AccountState;
import org.commcredits.ledger.query.history.CreditAccountEvents;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/tenants/{tenantId}/statements/{YYYY-MM}} and its {@code .csv} and {@code .pdf}: the month's
 * statement in the tenant's time zone (its pool time zone, UTC unless set), folded from the event store like the
 * as-of balance. A month still running closes at the ledger clock's now; a month not yet begun is
 * {@code 400 INVALID_MONTH}.
 */
@RestController
class StatementController {

    private final CreditAccountEvents events;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    StatementController(CreditAccountEvents events, JdbcTemplate jdbc, Clock clock) {
        this.events = events;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The statement as JSON; amounts are decimal strings in the account's currency. */
    record StatementView(String tenantId, String month, String timeZone, String from, String to, boolean complete,
                         String currency, String openingBalance, Map<String, Object> movements,
                         List<Map<String, Object>> usageByPlanAndCountry, String closingBalance, boolean reconciles,
                         Map<String, String> memos) {
    }

    @GetMapping(path = "/api/tenants/{tenantId}/statements/{month}", produces = "application/json")
    StatementView statement(@PathVariable String tenantId, @PathVariable String month) {
        return view(tenantId, month);
    }

    @GetMapping(path = "/api/tenants/{tenantId}/statements/{month}.csv", produces = "text/csv")
    ResponseEntity<String> csv(@PathVariable String tenantId, @PathVariable String month) {
        StatementView view = view(tenantId, month);
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"opening balance", "", "", view.openingBalance()});
        view.movements().forEach((name, amount) -> rows.add(new String[] {name, "", "", String.valueOf(amount)}));
        for (Map<String, Object> line : view.usageByPlanAndCountry()) {
            rows.add(new String[] {"usage", String.valueOf(line.get("plan")), String.valueOf(line.get("country")),
                    String.valueOf(line.get("amount"))});
        }
        rows.add(new String[] {"closing balance", "", "", view.closingBalance()});
        view.memos().forEach((name, amount) -> rows.add(new String[] {name + " (memo)", "", "", amount}));
        CsvSchema schema = CsvSchema.builder().addColumn("Line").addColumn("Plan").addColumn("Country")
                .addColumn("Amount " + view.currency()).setUseHeader(true).build();
        StringWriter out = new StringWriter();
        try (SequenceWriter writer = new CsvMapper().writerFor(String[].class).with(schema).writeValues(out)) {
            for (String[] row : rows) { // INV-IN-06: every cell neutralised against formula injection
                for (int i = 0; i < row.length; i++) {
                    row[i] = CsvCells.safe(row[i]);
                }
            }
            writer.writeAll(rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ResponseEntity.ok().contentType(new MediaType("text", "csv"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("statement-" + tenantId + "-" + month + ".csv").build().toString())
                .body(out.toString());
    }

    @GetMapping(path = "/api/tenants/{tenantId}/statements/{month}.pdf", produces = "application/pdf")
    ResponseEntity<byte[]> pdf(@PathVariable String tenantId, @PathVariable String month) {
        StatementView view = view(tenantId, month);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename("statement-" + tenantId + "-" + month + ".pdf").build().toString())
                .body(StatementPdf.render(view));
    }

    StatementView view(String tenantId, String monthText) {
        RequestFields.id(tenantId, "tenantId");
        YearMonth month;
        try {
            month = YearMonth.parse(monthText);
        } catch (DateTimeParseException e) {
            throw new LedgerException(ErrorCode.INVALID_MONTH, "month must be YYYY-MM");
        }
        ZoneId zone = zone(tenantId);
        Instant from = month.atDay(1).atStartOfDay(zone).toInstant();
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        Instant now = clock.instant();
        if (!from.isBefore(now)) {
            throw new LedgerException(ErrorCode.INVALID_MONTH, "The month " + month + " has not begun");
        }
        Instant to = end.isAfter(now) ? now : end;
        List<CreditAccountEvents.Stored> stored = events.all(tenantId);
        if (!AccountState.at(stored, to).opened()) {
            throw new LedgerException(ErrorCode.ACCOUNT_NOT_FOUND, "This tenant had no credit account in " + month);
        }
        Map<String, MonthlyStatement.CallFacts> calls = calls(tenantId, from, to);
        MonthlyStatement s = MonthlyStatement.of(stored, month.toString(), from, to, calls::get);
        String currency = s.currency();
        Map<String, Object> movements = new LinkedHashMap<>();
        movements.put("purchases", money(s.purchases(), currency));
        movements.put("recharges", money(s.recharges(), currency));
        movements.put("grants", money(s.grants(), currency));
        movements.put("refunds", money(s.refunds(), currency));
        movements.put("usage", money(s.usage(), currency));
        movements.put("expiries", money(s.expiries(), currency));
        List<Map<String, Object>> usage = new ArrayList<>();
        for (MonthlyStatement.UsageLine line : s.usageByPlanAndCountry()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("plan", line.plan());
            row.put("country", line.country());
            row.put("amount", money(line.amount(), currency));
            row.put("charges", line.charges());
            usage.add(row);
        }
        Map<String, String> memos = new LinkedHashMap<>();
        memos.put("unfunded", money(s.unfundedMemo(), currency));
        memos.put("postpaid", money(s.postpaidMemo(), currency));
        return new StatementView(tenantId, month.toString(), zone.getId(), from.toString(), to.toString(), to.equals(end),
                currency, money(s.opening(), currency), movements, usage, money(s.closing(), currency), s.reconciles(), memos);
    }

    private ZoneId zone(String tenantId) {
        List<String> zone = jdbc.queryForList("SELECT time_zone FROM rm_elig_pool_zone WHERE tenant_id = ?", String.class, tenantId);
        return zone.isEmpty() ? ZoneId.of("UTC") : ZoneId.of(zone.get(0));
    }

    /** Calls that ended in the month (a charge is taken at completion); started up to a week before it began. */
    private Map<String, MonthlyStatement.CallFacts> calls(String tenantId, Instant from, Instant to) {
        Map<String, MonthlyStatement.CallFacts> calls = new HashMap<>();
        jdbc.query("SELECT call_id, COALESCE(pool_kind, 'NONE'), COALESCE(destination_country, '--') FROM rm_call_usage "
                        + "WHERE tenant_id = ? AND started_at >= ? AND started_at <= ?",
                rs -> {
                    calls.put(rs.getString(1), new MonthlyStatement.CallFacts(rs.getString(2), rs.getString(3)));
                }, tenantId, java.sql.Timestamp.from(from.minus(java.time.Duration.ofDays(7))), java.sql.Timestamp.from(to));
        return calls;
    }

    private static String money(long minor, String currency) {
        return Money.ofMinor(minor, currency).toPlainString();
    }
}
