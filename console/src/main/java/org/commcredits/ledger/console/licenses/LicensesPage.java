package org.commcredits.ledger.console.licenses;

import io.swagger.v3.oas.annotations.Hidden;
import org.commcredits.ledger.console.api.ApiAnswer;
import org.commcredits.ledger.console.api.ApiRefusals;
import org.commcredits.ledger.console.api.LedgerApi;
import org.commcredits.ledger.console.security.ConsoleCredential;
import org.commcredits.ledger.console.tenants.TenantDirectory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Licenses of a tenant: users with their licenses, usage location and eligibility reasons (paged), assign
 * and remove one by one, buy seats, and a bulk assignment from an uploaded CSV whose progress bar follows
 * the work ({@link BulkAssignments}).
 */
@Hidden // pages for people, not part of the API document
@Controller
class LicensesPage {

    static final List<String> SKUS = List.of("COMMUNICATION_CREDITS", "TEAMS_PHONE", "AUDIO_CONFERENCING",
            "CALLING_PLAN_DOMESTIC", "CALLING_PLAN_INTERNATIONAL", "CALLING_PLAN_PAYG", "M365_E5");

    private final LedgerApi api;
    private final TenantDirectory tenants;
    private final BulkAssignments bulk;

    LicensesPage(LedgerApi api, TenantDirectory tenants, BulkAssignments bulk) {
        this.api = api;
        this.tenants = tenants;
        this.bulk = bulk;
    }

    @GetMapping("/console/tenants/{tenantId}/licenses")
    String licenses(@PathVariable String tenantId, @RequestParam(required = false) String after,
                    @RequestParam(required = false) String job, @RequestParam(required = false) Long seq, Model model) {
        StringBuilder path = new StringBuilder("/api/tenants/" + tenantId + "/eligibility?limit=50");
        if (after != null && !after.isBlank()) {
            path.append("&after=").append(UriUtils.encodeQueryParam(after, StandardCharsets.UTF_8));
        }
        if (seq != null) {
            path.append("&minSequence=").append(seq);
        }
        model.addAttribute("users", api.get(path.toString()));
        model.addAttribute("tenant", tenants.tenant(tenantId));
        model.addAttribute("skus", SKUS);
        model.addAttribute("job", job != null && job.matches("[0-9a-f-]{36}") ? job : null);
        model.addAttribute("after", after);
        model.addAttribute("title", "Licenses · " + tenantId);
        return "console/licenses";
    }

    @PostMapping("/console/tenants/{tenantId}/licenses/assign")
    String assign(@PathVariable String tenantId, @RequestParam String userId, @RequestParam String sku,
                  @RequestParam(required = false) String country, RedirectAttributes redirect) {
        String user = "/api/tenants/" + tenantId + "/users/" + UriUtils.encodePathSegment(userId.trim(), StandardCharsets.UTF_8);
        if (country != null && !country.isBlank()) {
            ApiAnswer located = api.put(user + "/usage-location", Map.of("country", country.trim().toUpperCase(Locale.ROOT)));
            if (!located.ok()) {
                return done(tenantId, located, null, redirect);
            }
        }
        ApiAnswer answer = api.post(user + "/licenses", Map.of("sku", sku));
        return done(tenantId, answer, sku + " assigned to " + userId.trim() + ".", redirect);
    }

    @PostMapping("/console/tenants/{tenantId}/licenses/remove")
    String remove(@PathVariable String tenantId, @RequestParam String userId, @RequestParam String sku, RedirectAttributes redirect) {
        ApiAnswer answer = api.delete("/api/tenants/" + tenantId + "/users/"
                + UriUtils.encodePathSegment(userId, StandardCharsets.UTF_8) + "/licenses/" + UriUtils.encodePathSegment(sku, StandardCharsets.UTF_8));
        return done(tenantId, answer, sku + " removed from " + userId + ".", redirect);
    }

    @PostMapping("/console/tenants/{tenantId}/licenses/subscriptions")
    String subscribe(@PathVariable String tenantId, @RequestParam String sku, @RequestParam String seats, RedirectAttributes redirect) {
        int count;
        try {
            count = Integer.parseInt(seats.trim());
        } catch (NumberFormatException e) {
            redirect.addFlashAttribute("error", "Seats must be a whole number.");
            return "redirect:/console/tenants/" + tenantId + "/licenses";
        }
        ApiAnswer answer = api.post("/api/tenants/" + tenantId + "/subscriptions", Map.of("sku", sku, "seats", count));
        Map<String, Object> seatsNow = answer.map();
        return done(tenantId, answer, "Subscribed: " + sku + " now has " + seatsNow.get("seats") + " seats ("
                + seatsNow.get("available") + " free).", redirect);
    }

    @PostMapping("/console/tenants/{tenantId}/licenses/bulk")
    String startBulk(@PathVariable String tenantId, @RequestParam String sku, @RequestParam("file") MultipartFile file,
                     RedirectAttributes redirect) throws IOException {
        BulkFile.Parsed parsed = BulkFile.read(new String(file.getBytes(), StandardCharsets.UTF_8));
        if (!parsed.problems().isEmpty()) {
            redirect.addFlashAttribute("error", "The file was not sent: " + String.join("; ", parsed.problems()));
            return "redirect:/console/tenants/" + tenantId + "/licenses";
        }
        if (!SKUS.contains(sku)) {
            redirect.addFlashAttribute("error", "Pick a license from the list.");
            return "redirect:/console/tenants/" + tenantId + "/licenses";
        }
        BulkAssignments.Job job = bulk.start(tenantId, LedgerApi.current(), sku, parsed.rows());
        redirect.addFlashAttribute("message", "Assigning " + sku + " to " + parsed.rows().size() + " users.");
        return "redirect:/console/tenants/" + tenantId + "/licenses?job=" + job.id;
    }

    @GetMapping(path = "/console/tenants/{tenantId}/licenses/bulk/{jobId}", produces = "application/json")
    @ResponseBody
    ResponseEntity<Map<String, Object>> progress(@PathVariable String tenantId, @PathVariable String jobId) {
        ConsoleCredential me = LedgerApi.current();
        BulkAssignments.Job job = me == null ? null : bulk.find(tenantId, jobId, me.username());
        return job == null ? ResponseEntity.status(HttpStatus.NOT_FOUND).build() : ResponseEntity.ok(job.view());
    }

    private static String done(String tenantId, ApiAnswer answer, String success, RedirectAttributes redirect) {
        if (answer.ok()) {
            redirect.addFlashAttribute("message", success);
        } else {
            redirect.addFlashAttribute("error", ApiRefusals.explain(answer));
            redirect.addFlashAttribute("errorCode", answer.code());
        }
        return "redirect:/console/tenants/" + tenantId + "/licenses" + (answer.sequence() == null ? "" : "?seq=" + answer.sequence());
    }
}
