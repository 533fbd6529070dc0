package org.commcredits.ledger.console.audit;

import io.swagger.v3.oas.annotations.Hidden;
import org.commcredits.ledger.console.api.ApiAnswer;
import org.commcredits.ledger.console.api.LedgerApi;
import org.commcredits.ledger.console.tenants.TenantDirectory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit page of a tenant: the event stream with filters, a slider that redraws the balance and the
 * tranches as of a past instant (htmx asks {@code /audit/as-of} for the fragment), "explain this balance"
 * (the ledger entries that made each tranche's remaining amount) and a verify button.
 */
@Hidden // pages for people, not part of the API document
@Controller
class AuditPage {

    static final int SLIDER_STEPS = 1000;
    private static final int PAGE = 50;
    private static final int MAX_SCANNED_PAGES = 10;

    private final LedgerApi api;
    private final TenantDirectory tenants;

    AuditPage(LedgerApi api, TenantDirectory tenants) {
        this.api = api;
        this.tenants = tenants;
    }

    @GetMapping("/console/tenants/{tenantId}/audit")
    String audit(@PathVariable String tenantId, @RequestParam(required = false) String type,
                 @RequestParam(required = false) String aggregate, @RequestParam(required = false) String after, Model model) {
        TenantDirectory.Tenant tenant = tenants.tenant(tenantId);
        String wantedType = type == null || type.isBlank() ? null : type.trim();
        String wantedAggregate = aggregate == null || aggregate.isBlank() ? null : aggregate.trim();
        List<Map<String, Object>> events = new ArrayList<>();
        String cursor = after != null && after.matches("\\d{1,19}") ? after : null;
        ApiAnswer page = null;
        for (int scanned = 0; scanned < MAX_SCANNED_PAGES && events.size() < PAGE; scanned++) {
            page = api.get("/api/audit/events?limit=" + PAGE + "&tenantId=" + tenantId + (cursor == null ? "" : "&after=" + cursor));
            if (!page.ok()) {
                break;
            }
            for (Map<String, Object> event : page.items()) {
                boolean typeMatches = wantedType == null || String.valueOf(event.get("type")).toLowerCase().contains(wantedType.toLowerCase());
                boolean aggregateMatches = wantedAggregate == null || String.valueOf(event.get("aggregateId")).contains(wantedAggregate);
                if (typeMatches && aggregateMatches && events.size() < PAGE) {
                    events.add(event);
                }
                cursor = String.valueOf(event.get("sequence"));
            }
            if (page.next() == null) {
                cursor = null;
                break;
            }
        }
        ApiAnswer first = api.get("/api/audit/events?limit=1&tenantId=" + tenantId);
        ApiAnswer balance = api.get("/api/tenants/" + tenantId + "/balance");
        // to the millisecond: the slider's left end is the first event itself (as-of is inclusive), so it shows
        // the account as opened and before anything that followed within the same second
        Instant now = exact(balance.map().get("asOf"));
        Instant from = first.items().isEmpty() ? null : exact(first.items().get(0).get("occurredAt"));
        model.addAttribute("tenant", tenant);
        model.addAttribute("zone", tenant.timeZone());
        model.addAttribute("stream", page);
        model.addAttribute("events", events);
        model.addAttribute("next", events.size() >= PAGE || cursor != null ? cursor : null);
        model.addAttribute("type", wantedType);
        model.addAttribute("aggregate", wantedAggregate);
        model.addAttribute("balance", balance);
        model.addAttribute("sliderFrom", from == null ? null : from.toEpochMilli());
        model.addAttribute("sliderTo", now == null ? Instant.now().toEpochMilli() : now.toEpochMilli());
        model.addAttribute("steps", SLIDER_STEPS);
        model.addAttribute("title", "Audit · " + tenantId);
        return "console/audit";
    }

    @GetMapping("/console/tenants/{tenantId}/audit/as-of")
    String asOf(@PathVariable String tenantId, @RequestParam long from, @RequestParam long to, @RequestParam int position, Model model) {
        TenantDirectory.Tenant tenant = tenants.tenant(tenantId);
        int step = Math.max(0, Math.min(SLIDER_STEPS, position));
        Instant at = Instant.ofEpochMilli(from + (to - from) * step / SLIDER_STEPS);
        ApiAnswer balance = api.get("/api/tenants/" + tenantId + "/balance?asOf=" + at);
        model.addAttribute("asOf", balance);
        model.addAttribute("at", at.toString());
        model.addAttribute("zone", tenant.timeZone());
        return "console/audit-fragments :: asof";
    }

    /** On demand: with 10,000 calls the ledger is ten API pages, which the page itself should not wait for. */
    @GetMapping("/console/tenants/{tenantId}/audit/explain")
    String explain(@PathVariable String tenantId, Model model) {
        TenantDirectory.Tenant tenant = tenants.tenant(tenantId);
        ApiAnswer balance = api.get("/api/tenants/" + tenantId + "/balance");
        model.addAttribute("balance", balance);
        model.addAttribute("explained", explain(tenantId, balance));
        model.addAttribute("zone", tenant.timeZone());
        return "console/audit-fragments :: explained";
    }

    @GetMapping("/console/tenants/{tenantId}/audit/verify")
    String verify(@PathVariable String tenantId, Model model) {
        model.addAttribute("verification", api.get("/api/tenants/" + tenantId + "/verify"));
        return "console/audit-fragments :: verification";
    }

    private static Instant exact(Object instant) {
        try {
            return instant == null ? null : Instant.parse(instant.toString());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Each live tranche with the ledger entries that touched it, oldest first. */
    private List<Map<String, Object>> explain(String tenantId, ApiAnswer balance) {
        List<Map<String, Object>> explained = new ArrayList<>();
        if (!balance.ok() || !(balance.map().get("tranches") instanceof List<?> tranches) || tranches.isEmpty()) {
            return explained;
        }
        Map<String, List<Map<String, Object>>> byTranche = new LinkedHashMap<>();
        String cursor = null;
        for (int pages = 0; pages < 10; pages++) {
            ApiAnswer ledger = api.get("/api/tenants/" + tenantId + "/ledger?limit=1000" + (cursor == null ? "" : "&after=" + cursor));
            if (!ledger.ok()) {
                break;
            }
            for (Map<String, Object> entry : ledger.items()) {
                Object tranche = entry.get("trancheId");
                if (tranche != null) {
                    byTranche.computeIfAbsent(tranche.toString(), t -> new ArrayList<>()).add(entry);
                }
            }
            cursor = ledger.next();
            if (cursor == null) {
                break;
            }
        }
        for (Object tranche : tranches) {
            if (tranche instanceof Map<?, ?> t) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("tranche", t);
                row.put("entries", byTranche.getOrDefault(String.valueOf(t.get("trancheId")), List.of()));
                explained.add(row);
            }
        }
        return explained;
    }
}
