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
        LedgerApi.Download csv = api.download(base + "/usage/records.csv?month=" + wanted);
        UsageRecords records = csv.status() == 200
                ? UsageRecords.parse(new String(csv.body(), StandardCharsets.UTF_8)) : UsageRecords.parse("");
        int pages = Math.max(1, (records.rows().size() + PAGE - 1) / PAGE);
        int current = Math.max(0, Math.min(page, pages - 1));
        List<UsageRecords.Day> days = records.spendPerDay(zone, YearMonth.parse(wanted));
        model.addAttribute("tenant", tenant);
        model.addAttribute("zone", zone.getId());
        model.addAttribute("month", wanted);
        model.addAttribute("usage", usage);
        model.addAttribute("gauges", usage.items().stream().filter(pool -> !"NONE".equals(pool.get("plan"))).map(PoolGauge::of).toList());
        model.addAttribute("spent", usage.map().get("creditsSpent") instanceof Map<?, ?> spent ? spent : Map.of());
        model.addAttribute("records", records);
        model.addAttribute("rows", records.page(current, PAGE));
        model.addAttribute("page", current);
        model.addAttribute("pages", pages);
        model.addAttribute("currency", records.currency() != null ? records.currency() : tenant.currency());
        model.addAttribute("days", days.stream().filter(day -> day.calls() > 0).toList());
        model.addAttribute("chartDays", days.stream().map(day -> day.day().atStartOfDay(zone).toEpochSecond()).toList().toString());
        model.addAttribute("chartValues", days.stream().map(day -> day.spend().toPlainString()).toList().toString());
        model.addAttribute("top", records.topDestinations(10));
        model.addAttribute("recordsRefused", csv.status() == 200 ? null : csv.status());
        model.addAttribute("title", "Usage " + wanted + " · " + tenantId);
        return "console/usage";
    }

    @GetMapping("/console/tenants/{tenantId}/usage/records.csv")
    ResponseEntity<byte[]> records(@PathVariable String tenantId, @RequestParam String month) {
        String wanted = month.matches("\\d{4}-\\d{2}") ? month : YearMonth.now().toString();
        LedgerApi.Download csv = api.download("/api/tenants/" + tenantId + "/usage/records.csv?month=" + wanted);
        return csv.asAttachment("usage-" + tenantId + "-" + wanted + ".csv");
    }
}
