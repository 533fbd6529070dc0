package org.commcredits.ledger.console.api;

import java.util.Map;

/**
 * What a refusal of the API means to a person, by its stable code. The MCA rules are explained where they
 * block an action (issue 14); any code not listed shows the API's own detail.
 */
public final class ApiRefusals {

    private static final Map<String, String> EXPLAINED = Map.ofEntries(
            Map.entry("MCA_CANNOT_BUY_CREDITS", "This tenant is billed under a Microsoft Customer Agreement (MCA): usage is "
                    + "invoiced afterwards, so Communication Credits cannot be bought. Switch the billing agreement to DIRECT to buy credits."),
            Map.entry("AUTO_RECHARGE_NOT_ALLOWED_FOR_MCA", "Auto-recharge buys credits, which an MCA tenant cannot do: "
                    + "usage is billed afterwards. Switch to DIRECT first."),
            Map.entry("AUTO_RECHARGE_MUST_BE_OFF", "Turn auto-recharge off before switching to MCA: an MCA tenant may not buy credits, "
                    + "so a recharge could never run."),
            Map.entry("BELOW_MINIMUM_FUNDING", "The smallest purchase or recharge amount is 50.00 in the account's currency."),
            Map.entry("NO_PAYMENT_METHOD", "Set a payment method (card token) first: purchases and recharges are charged to it."),
            Map.entry("PAYMENT_DECLINED", "The payment provider declined the card. Nothing was bought; try another card."),
            Map.entry("ACCOUNT_NOT_FOUND", "This tenant has no credit account yet: open one below."),
            Map.entry("NO_SEATS_AVAILABLE", "Every seat of this license is assigned: add seats to the subscription first."),
            Map.entry("USAGE_LOCATION_REQUIRED", "Set the user's usage location (a country) before assigning this license."),
            Map.entry("LICENSE_ALREADY_ASSIGNED", "The user already holds this license."),
            Map.entry("LICENSE_NOT_ASSIGNED", "The user does not hold this license."),
            Map.entry("SKU_NOT_SUBSCRIBABLE", "Communication Credits seats are unlimited and free once the account is funded: there is nothing to subscribe to."),
            Map.entry("REPLAY_IN_PROGRESS", "A replay of this projection is already running."),
            Map.entry("CLOCK_CANNOT_GO_BACKWARDS", "The test clock only moves forward."),
            Map.entry("FORBIDDEN", "Your role may not do this."),
            Map.entry("INVALID_AMOUNT", "Write the amount with the currency's decimals, e.g. 50.00."));

    private ApiRefusals() {
    }

    public static String explain(ApiAnswer answer) {
        if (answer.code() != null && EXPLAINED.containsKey(answer.code())) {
            return EXPLAINED.get(answer.code());
        }
        return answer.detail() != null ? answer.detail() : "The ledger answered " + answer.status();
    }

    public static String explain(String code) {
        return EXPLAINED.get(code);
    }
}
