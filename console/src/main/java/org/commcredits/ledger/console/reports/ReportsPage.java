package org.commcredits.ledger.console.reports;

import io.swagger.v3.oas.annotations.Hidden;
import org.commcredits.ledger.console.api.ApiAnswer;
import org.commcredits.ledger.console.api.LedgerApi;
import org.commcredits.ledger.console.tenants.TenantDirectory;
import org.commcredits.ledger.console.view.Formats;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * PSTN usage and minute pools of a month ({@code /console/tenants/{tenantId}/usage?month=YYYY-MM}, fixed
 * by the contract): a month picker, the pools as gauges with the 80% and 100% marks, credits spent, the
 * spend per day as a chart, the top destinations, a paged table of the calls and its CSV export.
 */
@Hidden // pages for people, not part of the API document
@Controller
class ReportsPage {

    static final int PAGE = 50;

    private final LedgerApi api;
    private final TenantDirectory tenants;

    ReportsPage(LedgerApi api, TenantDirectory tenants) {
        this.api = api;
        this.tenants = tenants;
    }

    @GetMapping("/console/tenants/{tenantId}/usage")
    String usage(@PathVariable String tenantId, @RequestParam(required = false) String month,
                 @RequestParam(defaultValue = "0") int page, Model model) {
        TenantDirectory.Tenant tenant = tenants.tenant(tenantId);
        ZoneId zone = Formats.zone(tenant.timeZone());
        String wanted = month != null && month.matches("\\d{4}-\\d{2}") ? month : YearMonth.now(zone).toString();
        String base = "/api/tenants/" + tenantId;
        ApiAnswer usage = api.get(base + "/usage?month=" + wanted);
        // The month's figures are summed by the API; only the page of calls shown is read (issue 14: < 200 ms).
        ApiAnswer summary = api.get(base + "/usage/summary?month=" + wanted);
        Map<String, Object> sums = summary.map();
        long count = sums.get("calls") instanceof Number n ? n.longValue() : 0;
        int pages = (int) Math.max(1, (count + PAGE - 1) / PAGE);
        int current = Math.max(0, Math.min(page, pages - 1));
        ApiAnswer calls = api.get(base + "/usage/records?month=" + wanted + "&limit=" + PAGE
                + (current > 0 ? "&after=" + ((long) current * PAGE - 1) : ""));
        List<UsageRecords.Day> days = summaryDays(sums);
        model.addAttribute("tenant", tenant);
        model.addAttribute("zone", zone.getId());
        model.addAttribute("month", wanted);
        model.addAttribute("usage", usage);
        model.addAttribute("gauges", usage.items().stream().filter(pool -> !"NONE".equals(pool.get("plan"))).map(PoolGauge::of).toList());
        model.addAttribute("spent", usage.map().get("creditsSpent") instanceof Map<?, ?> spent ? spent : Map.of());
        model.addAttribute("callCount", count);
        model.addAttribute("rows", calls.ok() ? calls.items().stream().map(ReportsPage::row).toList() : List.of());
        model.addAttribute("page", current);
        model.addAttribute("pages", pages);
        model.addAttribute("currency", sums.get("currency") != null ? sums.get("currency") : tenant.currency());
        model.addAttribute("days", days.stream().filter(day -> day.calls() > 0).toList());
        model.addAttribute("chartDays", days.stream().map(day -> day.day().atStartOfDay(zone).toEpochSecond()).toList().toString());
        model.addAttribute("chartValues", days.stream().map(day -> day.spend().toPlainString()).toList().toString());
        model.addAttribute("top", summaryTop(sums));
        model.addAttribute("recordsRefused", calls.ok() ? null : calls.status());
        model.addAttribute("title", "Usage " + wanted + " · " + tenantId);
        return "console/usage";
    }

    /** A call of {@code GET .../usage/records} under the names of the CSV's columns, which the page shows. */
    private static Map<String, Object> row(Map<String, Object> call) {
        Map<String, Object> row = new java.util.LinkedHashMap<>();
        row.put("StartTime", call.get("startedAt"));
        row.put("UserId", call.get("userId"));
        row.put("CallType", call.get("callType"));
        row.put("Destination", call.get("destination"));
        row.put("DestinationName", call.get("destinationName") == null ? "" : call.get("destinationName"));
        row.put("DurationSeconds", call.get("durationSeconds"));
        row.put("MinutesFromPool", call.get("minutesFromPool"));
        row.put("Charge", call.get("charge"));
        row.put("Currency", call.get("currency"));
        row.put("FundedBy", call.get("fundedBy"));
        return row;
    }

    @SuppressWarnings("unchecked")
    private static List<UsageRecords.Day> summaryDays(Map<String, Object> sums) {
        List<UsageRecords.Day> days = new java.util.ArrayList<>();
        if (sums.get("days") instanceof List<?> list) {
            for (Object item : list) {
                Map<String, Object> day = (Map<String, Object>) item;
                days.add(new UsageRecords.Day(java.time.LocalDate.parse(String.valueOf(day.get("day"))),
                        decimal(day.get("spend")), ((Number) day.get("calls")).longValue()));
            }
        }
        return days;
    }

    @SuppressWarnings("unchecked")
    private static List<UsageRecords.Destination> summaryTop(Map<String, Object> sums) {
        List<UsageRecords.Destination> top = new java.util.ArrayList<>();
        if (sums.get("topDestinations") instanceof List<?> list) {
            for (Object item : list) {
                Map<String, Object> d = (Map<String, Object>) item;
                top.add(new UsageRecords.Destination(String.valueOf(d.get("name")), String.valueOf(d.get("country")),
                        decimal(d.get("spend")), ((Number) d.get("calls")).longValue(), ((Number) d.get("seconds")).longValue()));
            }
        }
        return top;
    }

    private static java.math.BigDecimal decimal(Object value) {
        return value == null ? java.math.BigDecimal.ZERO : new java.math.BigDecimal(value.toString());
    }

    @GetMapping("/console/tenants/{tenantId}/usage/records.csv")
    ResponseEntity<byte[]> records(@PathVariable String tenantId, @RequestParam String month) {
        String wanted = month.matches("\\d{4}-\\d{2}") ? month : YearMonth.now().toString();
        LedgerApi.Download csv = api.download("/api/tenants/" + tenantId + "/usage/records.csv?month=" + wanted);
        return csv.asAttachment("usage-" + tenantId + "-" + wanted + ".csv");
    }
}
