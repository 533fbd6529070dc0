package org.commcredits.ledger.console.invoices;

import io.swagger.v3.oas.annotations.Hidden;
import org.commcredits.ledger.console.api.ApiAnswer;
import org.commcredits.ledger.console.api.LedgerApi;
import org.commcredits.ledger.console.tenants.TenantDirectory;
import org.commcredits.ledger.console.view.Formats;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;

import java.nio.charset.StandardCharsets;
import java.time.YearMonth;

/**
 * Invoices (list, detail, PDF), the monthly statement (page, PDF, CSV) and notifications of a tenant.
 * Files are the API's own, passed through with a download name.
 */
@Hidden // pages for people, not part of the API document
@Controller
class InvoicesPage {

    private final LedgerApi api;
    private final TenantDirectory tenants;

    InvoicesPage(LedgerApi api, TenantDirectory tenants) {
        this.api = api;
        this.tenants = tenants;
    }

    @GetMapping("/console/tenants/{tenantId}/invoices")
    String invoices(@PathVariable String tenantId, @RequestParam(required = false) String after,
                    @RequestParam(required = false) String month, Model model) {
        TenantDirectory.Tenant tenant = tenants.tenant(tenantId);
        String path = "/api/tenants/" + tenantId + "/invoices?limit=50"
                + (after == null || after.isBlank() ? "" : "&after=" + UriUtils.encodeQueryParam(after, StandardCharsets.UTF_8));
        model.addAttribute("invoices", api.get(path));
        model.addAttribute("tenant", tenant);
        model.addAttribute("zone", tenant.timeZone());
        model.addAttribute("month", month != null && month.matches("\\d{4}-\\d{2}") ? month
                : YearMonth.now(Formats.zone(tenant.timeZone())).toString());
        model.addAttribute("title", "Invoices · " + tenantId);
        return "console/invoices";
    }

    @GetMapping("/console/tenants/{tenantId}/invoices/{invoiceId}")
    Object invoice(@PathVariable String tenantId, @PathVariable String invoiceId, Model model) {
        String path = "/api/tenants/" + tenantId + "/invoices/" + UriUtils.encodePathSegment(invoiceId, StandardCharsets.UTF_8);
        if (invoiceId.endsWith(".pdf")) {
            return api.download(path).asAttachment(tenantId + "-" + invoiceId);
        }
        TenantDirectory.Tenant tenant = tenants.tenant(tenantId);
        model.addAttribute("invoice", api.get(path));
        model.addAttribute("invoiceId", invoiceId);
        model.addAttribute("zone", tenant.timeZone());
        model.addAttribute("title", "Invoice " + invoiceId);
        return "console/invoice";
    }

    @GetMapping("/console/tenants/{tenantId}/statements/{file}")
    Object statement(@PathVariable String tenantId, @PathVariable String file, Model model) {
        String month = file.replaceAll("\\.(pdf|csv)$", "");
        if (!month.matches("\\d{4}-\\d{2}")) {
            return ResponseEntity.badRequest().contentType(MediaType.TEXT_PLAIN).body("A month is written YYYY-MM");
        }
        String path = "/api/tenants/" + tenantId + "/statements/" + file;
        if (!file.equals(month)) {
            return api.download(path).asAttachment("statement-" + tenantId + "-" + file);
        }
        TenantDirectory.Tenant tenant = tenants.tenant(tenantId);
        model.addAttribute("statement", api.get(path));
        model.addAttribute("month", month);
        model.addAttribute("zone", tenant.timeZone());
        model.addAttribute("title", "Statement " + month + " · " + tenantId);
        return "console/statement";
    }

    @GetMapping("/console/tenants/{tenantId}/notifications")
    String notifications(@PathVariable String tenantId, @RequestParam(required = false) String after, Model model) {
        TenantDirectory.Tenant tenant = tenants.tenant(tenantId);
        String path = "/api/tenants/" + tenantId + "/notifications?limit=100"
                + (after == null || after.isBlank() ? "" : "&after=" + UriUtils.encodeQueryParam(after, StandardCharsets.UTF_8));
        ApiAnswer notifications = api.get(path);
        model.addAttribute("notifications", notifications);
        model.addAttribute("zone", tenant.timeZone());
        model.addAttribute("title", "Notifications · " + tenantId);
        return "console/notifications";
    }
}
