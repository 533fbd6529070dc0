package org.commcredits.ledger.console.tenants;

import io.swagger.v3.oas.annotations.Hidden;
import org.commcredits.ledger.console.api.ApiAnswer;
import org.commcredits.ledger.console.api.LedgerApi;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;

import java.nio.charset.StandardCharsets;

/** The tenants list for unbound roles: balance, available, low balance and auto-recharge, searchable. */
@Hidden // pages for people, not part of the API document
@Controller
class TenantsPage {

    private final LedgerApi api;

    TenantsPage(LedgerApi api) {
        this.api = api;
    }

    @GetMapping("/console/tenants")
    String tenants(@RequestParam(required = false) String search, @RequestParam(required = false) String after,
                   @RequestParam(required = false) String open, Model model) {
        if (open != null && open.matches("[A-Za-z0-9][A-Za-z0-9._@-]{0,127}")) {
            return "redirect:/console/tenants/" + open;
        }
        StringBuilder path = new StringBuilder("/api/tenants?limit=50");
        if (search != null && !search.isBlank()) {
            path.append("&search=").append(UriUtils.encodeQueryParam(search.trim(), StandardCharsets.UTF_8));
        }
        if (after != null && !after.isBlank()) {
            path.append("&after=").append(UriUtils.encodeQueryParam(after, StandardCharsets.UTF_8));
        }
        ApiAnswer answer = api.get(path.toString());
        model.addAttribute("answer", answer);
        model.addAttribute("search", search);
        model.addAttribute("title", "Tenants");
        return "console/tenants";
    }
}
