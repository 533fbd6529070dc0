package org.commcredits.ledger.console.credits;

import org.commcredits.ledger.console.api.ApiAnswer;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The seed's three setup steps and whether each is done: (1) calling or Audio Conferencing licenses
 * assigned, (2) Communication Credits funded, (3) Communication Credits licenses assigned. A step whose
 * facts the user's roles may not read is shown as unknown, never as done.
 */
public record SetupChecklist(List<Step> steps) {

    /** One step: done, not done, or unknown (null) with the reason. */
    public record Step(String title, Boolean done, String detail, String href) {
    }

    private static final Set<String> CALLING = Set.of("TEAMS_PHONE", "CALLING_PLAN_DOMESTIC", "CALLING_PLAN_INTERNATIONAL",
            "CALLING_PLAN_PAYG", "AUDIO_CONFERENCING");

    public static SetupChecklist of(String tenantId, ApiAnswer users, ApiAnswer balance) {
        String licenses = "/console/tenants/" + tenantId + "/licenses";
        Step calling;
        Step credits;
        Step assigned;
        if (users.ok()) {
            List<Map<String, Object>> items = users.items();
            long withCalling = items.stream().filter(user -> holds(user, CALLING)).count();
            long withCredits = items.stream().filter(user -> holds(user, Set.of("COMMUNICATION_CREDITS"))).count();
            String more = users.next() != null ? " (among the first " + items.size() + " users)" : "";
            calling = new Step("Assign calling plan, Teams Phone or Audio Conferencing licenses", withCalling > 0,
                    withCalling + " users hold one" + more, licenses);
            assigned = new Step("Assign Communication Credits licenses to the users who dial out", withCredits > 0,
                    withCredits + " users hold one" + more, licenses);
        } else {
            calling = new Step("Assign calling plan, Teams Phone or Audio Conferencing licenses", null,
                    "Your role may not read licenses (LICENSE_ADMIN or AUDITOR)", null);
            assigned = new Step("Assign Communication Credits licenses to the users who dial out", null,
                    "Your role may not read licenses (LICENSE_ADMIN or AUDITOR)", null);
        }
        if (balance.ok()) {
            Object tranches = balance.map().get("tranches");
            boolean funded = tranches instanceof List<?> list && !list.isEmpty();
            credits = new Step("Fund Communication Credits (and set auto-recharge)", funded,
                    funded ? "Balance " + balance.map().get("balance") + " " + balance.map().get("currency") : "No credits bought yet",
                    "#add-funds");
        } else if (balance.status() == 404) {
            credits = new Step("Fund Communication Credits (and set auto-recharge)", false, "No credit account yet", "#open-account");
        } else {
            credits = new Step("Fund Communication Credits (and set auto-recharge)", null,
                    "Your role may not read the balance (FINANCE_READER or AUDITOR)", null);
        }
        return new SetupChecklist(List.of(calling, credits, assigned));
    }

    private static boolean holds(Map<String, Object> user, Set<String> skus) {
        return user.get("licenses") instanceof List<?> held && held.stream().anyMatch(skus::contains);
    }
}
