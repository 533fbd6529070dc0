package org.commcredits.ledger.console.credits;

import io.swagger.v3.oas.annotations.Hidden;
import org.commcredits.ledger.console.api.ApiAnswer;
import org.commcredits.ledger.console.api.ApiRefusals;
import org.commcredits.ledger.console.api.LedgerApi;
import org.commcredits.ledger.console.tenants.TenantDirectory;
import org.commcredits.ledger.console.view.Formats;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The Communication Credits page of a tenant ({@code /console/tenants/{tenantId}}, fixed by the contract):
 * balance, available and held, the tranches on a timeline, the seed's actions (open the account, add funds
 * with a PO number, auto-recharge, payment method, billing agreement, low-balance alert) and the setup
 * checklist. Every action is one API call; a refusal is explained on the page.
 */
@Hidden // pages for people, not part of the API document
@Controller
class CreditsPage {

    private final LedgerApi api;
    private final TenantDirectory tenants;
    private final Formats formats;

    CreditsPage(LedgerApi api, TenantDirectory tenants, Formats formats) {
        this.api = api;
        this.tenants = tenants;
        this.formats = formats;
    }

    @GetMapping("/console/tenants/{tenantId}")
    String credits(@PathVariable String tenantId, @RequestParam(required = false) Long seq, Model model) {
        String base = "/api/tenants/" + tenantId;
        ApiAnswer balance = api.get(base + "/balance" + (seq == null ? "" : "?minSequence=" + seq));
        ApiAnswer users = api.get(base + "/eligibility?limit=1000");
        TenantDirectory.Tenant tenant = tenants.tenant(tenantId);
        Map<String, Object> b = balance.map();
        Instant now = Formats.parse(b.get("asOf"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> tranches = b.get("tranches") instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
        model.addAttribute("tenant", tenant);
        model.addAttribute("zone", tenant.timeZone());
        model.addAttribute("balance", balance);
        model.addAttribute("b", b);
        model.addAttribute("held", held(b));
        model.addAttribute("timeline", TrancheTimeline.of(tranches, now == null ? Instant.now() : now));
        model.addAttribute("checklist", SetupChecklist.of(tenantId, users, balance));
        model.addAttribute("mca", "MCA".equals(b.get("billingAgreement")));
        model.addAttribute("mcaFunding", ApiRefusals.explain("MCA_CANNOT_BUY_CREDITS"));
        model.addAttribute("mcaRecharge", ApiRefusals.explain("AUTO_RECHARGE_NOT_ALLOWED_FOR_MCA"));
        model.addAttribute("mcaSwitch", ApiRefusals.explain("AUTO_RECHARGE_MUST_BE_OFF"));
        model.addAttribute("idempotencyKey", UUID.randomUUID().toString());
        model.addAttribute("title", "Communication Credits · " + tenantId);
        return "console/credits";
    }

    @PostMapping("/console/tenants/{tenantId}/credits/open")
    String open(@PathVariable String tenantId, @RequestParam String currency, @RequestParam String billingAgreement,
                RedirectAttributes redirect) {
        ApiAnswer answer = api.post("/api/tenants/" + tenantId + "/credit-account",
                Map.of("currency", currency.trim().toUpperCase(), "billingAgreement", billingAgreement));
        return done(tenantId, answer, "Credit account opened in " + currency.trim().toUpperCase() + ".", redirect);
    }

    @PostMapping("/console/tenants/{tenantId}/credits/funds")
    String funds(@PathVariable String tenantId, @RequestParam String amount, @RequestParam(required = false) String poNumber,
                 @RequestParam String idempotencyKey, RedirectAttributes redirect) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("amount", amount.trim());
        if (poNumber != null && !poNumber.isBlank()) {
            body.put("poNumber", poNumber.trim());
        }
        ApiAnswer answer = api.post("/api/tenants/" + tenantId + "/credit-account/funds", body,
                key(idempotencyKey));
        Map<String, Object> added = answer.map();
        String currency = answer.ok() ? tenants.tenant(tenantId).currency() : null;
        return done(tenantId, answer, "Added " + formats.money(added.get("amount"), currency) + "; the balance is now "
                + formats.money(added.get("balance"), currency)
                + (added.get("invoiceId") != null ? " (invoice " + added.get("invoiceId") + ")" : "") + ".", redirect);
    }

    /** A goodwill grant: credit given, not sold; it has no invoice and may expire before 12 months. */
    @PostMapping("/console/tenants/{tenantId}/credits/grants")
    String grant(@PathVariable String tenantId, @RequestParam String amount, @RequestParam String reason,
                 @RequestParam(required = false) String expiresOn, @RequestParam String idempotencyKey,
                 RedirectAttributes redirect) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("amount", amount.trim());
        body.put("reason", reason.trim());
        TenantDirectory.Tenant tenant = tenants.tenant(tenantId);
        if (expiresOn != null && !expiresOn.isBlank()) {
            // a date picked in the tenant's time zone: the grant expires at the start of that day there
            try {
                body.put("expiresAt", java.time.LocalDate.parse(expiresOn.trim())
                        .atStartOfDay(java.time.ZoneId.of(tenant.timeZone())).toInstant().toString());
            } catch (RuntimeException e) {
                body.put("expiresAt", expiresOn.trim()); // the API explains what it expects
            }
        }
        ApiAnswer answer = api.post("/api/tenants/" + tenantId + "/credit-account/grants", body,
                key(idempotencyKey));
        Map<String, Object> granted = answer.map();
        String currency = answer.ok() ? tenant.currency() : null;
        return done(tenantId, answer, "Granted " + formats.money(granted.get("amount"), currency) + " until "
                + formats.time(granted.get("expiresAt"), tenant.timeZone()) + "; the balance is now "
                + formats.money(granted.get("balance"), currency) + ".", redirect);
    }

    /** Gives back a paid tranche's unused remainder through the payment provider; a credit note records it. */
    @PostMapping("/console/tenants/{tenantId}/credits/tranches/{trancheId}/refund")
    String refund(@PathVariable String tenantId, @PathVariable String trancheId, @RequestParam String reason,
                  @RequestParam String idempotencyKey, RedirectAttributes redirect) {
        ApiAnswer answer = api.post("/api/tenants/" + tenantId + "/credit-account/tranches/" + trancheId + "/refund",
                Map.of("reason", reason.trim()),
                key(idempotencyKey));
        Map<String, Object> refunded = answer.map();
        String currency = answer.ok() ? tenants.tenant(tenantId).currency() : null;
        return done(tenantId, answer, "Refunded " + formats.money(refunded.get("refunded"), currency) + " of tranche "
                + trancheId + " (credit note " + refunded.get("creditNoteId") + "); the balance is now "
                + formats.money(refunded.get("balance"), currency) + ".", redirect);
    }

    @PostMapping("/console/tenants/{tenantId}/credits/auto-recharge")
    String autoRecharge(@PathVariable String tenantId, @RequestParam(defaultValue = "false") boolean enabled,
                        @RequestParam(required = false) String threshold, @RequestParam(required = false) String amount,
                        RedirectAttributes redirect) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("enabled", enabled);
        if (enabled) {
            body.put("threshold", threshold == null ? "" : threshold.trim());
            body.put("amount", amount == null ? "" : amount.trim());
        }
        ApiAnswer answer = api.put("/api/tenants/" + tenantId + "/credit-account/auto-recharge", body);
        String currency = answer.ok() && enabled ? tenants.tenant(tenantId).currency() : null;
        return done(tenantId, answer, enabled ? "Auto-recharge on: add " + formats.money(amount, currency)
                + " when the balance falls below " + formats.money(threshold, currency) + "." : "Auto-recharge off.", redirect);
    }

    @PostMapping("/console/tenants/{tenantId}/credits/payment-method")
    String paymentMethod(@PathVariable String tenantId, @RequestParam String token, RedirectAttributes redirect) {
        ApiAnswer answer = api.put("/api/tenants/" + tenantId + "/credit-account/payment-method",
                Map.of("type", "CARD", "token", token.trim()));
        return done(tenantId, answer, "Payment method set.", redirect);
    }

    @PostMapping("/console/tenants/{tenantId}/credits/billing-agreement")
    String billingAgreement(@PathVariable String tenantId, @RequestParam String billingAgreement, RedirectAttributes redirect) {
        ApiAnswer answer = api.put("/api/tenants/" + tenantId + "/credit-account/billing-agreement",
                Map.of("billingAgreement", billingAgreement));
        return done(tenantId, answer, "Billing agreement is now " + billingAgreement + ".", redirect);
    }

    @PostMapping("/console/tenants/{tenantId}/credits/alerts")
    String alerts(@PathVariable String tenantId, @RequestParam(required = false) String lowBalanceThreshold,
                  RedirectAttributes redirect) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("lowBalanceThreshold", lowBalanceThreshold == null || lowBalanceThreshold.isBlank() ? null : lowBalanceThreshold.trim());
        ApiAnswer answer = api.put("/api/tenants/" + tenantId + "/credit-account/alerts", body);
        String currency = answer.ok() ? tenants.tenant(tenantId).currency() : null;
        return done(tenantId, answer, body.get("lowBalanceThreshold") == null ? "Low-balance alert off."
                : "Low-balance alert below " + formats.money(lowBalanceThreshold.trim(), currency) + ".", redirect);
    }

    /** The form's idempotency key when it has the API's shape, else a fresh one (a tampered form buys at most once more). */
    private static String key(String idempotencyKey) {
        return idempotencyKey.matches("[A-Za-z0-9-]{1,64}") ? idempotencyKey : UUID.randomUUID().toString();
    }

    private static String done(String tenantId, ApiAnswer answer, String success, RedirectAttributes redirect) {
        if (answer.ok()) {
            redirect.addFlashAttribute("message", success);
        } else {
            redirect.addFlashAttribute("error", ApiRefusals.explain(answer));
            redirect.addFlashAttribute("errorCode", answer.code());
        }
        String seq = answer.sequence() == null ? "" : "?seq=" + answer.sequence();
        return "redirect:/console/tenants/" + tenantId + seq;
    }

    private static String held(Map<String, Object> balance) {
        try {
            return new java.math.BigDecimal(balance.get("balance").toString())
                    .subtract(new java.math.BigDecimal(balance.get("available").toString())).toPlainString();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
