package org.commcredits.ledger.console.operator;

import io.swagger.v3.oas.annotations.Hidden;
import org.commcredits.ledger.console.api.ApiAnswer;
import org.commcredits.ledger.console.api.ApiRefusals;
import org.commcredits.ledger.console.api.LedgerApi;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The operator's page: projections with state and lag, a replay with a live progress bar (events/s and
 * ETA; htmx re-asks {@code /console/operator/projections} every second), parked events, and in the
 * sandbox the test clock.
 */
@Hidden // pages for people, not part of the API document
@Controller
class OperatorPage {

    private final LedgerApi api;

    OperatorPage(LedgerApi api) {
        this.api = api;
    }

    @GetMapping("/console/operator")
    String operator(Model model) {
        model.addAttribute("projections", api.get("/api/admin/projections"));
        model.addAttribute("clock", api.get("/api/test-clock"));
        model.addAttribute("title", "Operator");
        return "console/operator";
    }

    @GetMapping("/console/operator/projections")
    String projections(Model model) {
        model.addAttribute("projections", api.get("/api/admin/projections"));
        return "console/operator :: projections";
    }

    @PostMapping("/console/operator/replay")
    String replay(@RequestParam String name, RedirectAttributes redirect) {
        ApiAnswer answer = api.post("/api/admin/projections/" + UriUtils.encodePathSegment(name, StandardCharsets.UTF_8) + "/replay", null);
        return done(answer, "Replay of " + name + " started.", redirect);
    }

    @PostMapping("/console/operator/dead-letters")
    String retry(@RequestParam String name, RedirectAttributes redirect) {
        ApiAnswer answer = api.post("/api/admin/projections/" + UriUtils.encodePathSegment(name, StandardCharsets.UTF_8)
                + "/dead-letters/retry", null);
        return done(answer, "Parked events of " + name + " retried.", redirect);
    }

    @PostMapping("/console/operator/clock")
    String clock(@RequestParam String advanceBy, RedirectAttributes redirect) {
        ApiAnswer answer = api.post("/api/test-clock", Map.of("advanceBy", advanceBy));
        return done(answer, "Test clock moved by " + advanceBy + "; it is now " + answer.map().get("now") + ".", redirect);
    }

    private static String done(ApiAnswer answer, String success, RedirectAttributes redirect) {
        if (answer.ok()) {
            redirect.addFlashAttribute("message", success);
        } else {
            redirect.addFlashAttribute("error", ApiRefusals.explain(answer));
            redirect.addFlashAttribute("errorCode", answer.code());
        }
        return "redirect:/console/operator";
    }
}
