package org.commcredits.ledger.reliability;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Setting tenants up through the contract, and the end-of-scenario checks of docs/reliability.md. */
final class Checks {

    private final Api api;

    Checks(Api api) {
        this.api = api;
    }

    /** Tenants with a funded account, a payment method and one user who may dial out on credits. */
    List<String> setUp(String commands, Path repo, String run, int count) throws Exception {
        require(api.send(commands, "rates_admin", "PUT", "/api/rate-cards/harness",
                Files.readString(repo.resolve("docs/sample-rate-card.csv")), "text/csv", null), "rate card");
        List<String> tenants = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String tenant = "rel-" + run + "-" + i;
            String path = "/api/tenants/" + tenant;
            require(api.post(commands, "billing_admin", path + "/credit-account", "{\"currency\":\"USD\",\"billingAgreement\":\"DIRECT\"}", null), "open");
            require(api.put(commands, "billing_admin", path + "/credit-account/payment-method", "{\"type\":\"CARD\",\"token\":\"pm_card_visa\"}"), "payment method");
            require(api.post(commands, "billing_admin", path + "/credit-account/funds", "{\"amount\":\"100.00\"}", "init-" + tenant), "first funding");
            for (String sku : List.of("CALLING_PLAN_PAYG", "TEAMS_PHONE")) {
                require(api.post(commands, "license_admin", path + "/subscriptions", "{\"sku\":\"" + sku + "\",\"seats\":10}", null), "seats");
            }
            require(api.put(commands, "license_admin", path + "/users/u1/usage-location", "{\"country\":\"US\"}"), "usage location");
            for (String sku : List.of("TEAMS_PHONE", "CALLING_PLAN_PAYG", "COMMUNICATION_CREDITS")) {
                require(api.post(commands, "license_admin", path + "/users/u1/licenses", "{\"sku\":\"" + sku + "\"}", null), "license " + sku);
            }
            tenants.add(tenant);
        }
        return tenants;
    }

    /** Seconds until every projection is RUNNING with lag 0 (the harness's recovery time), or -1 after the limit. */
    double awaitCaughtUp(String queries, long limitSeconds) {
        long start = System.nanoTime();
        long deadline = start + limitSeconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            Api.Answer answer = api.get(queries, "operator", "/api/admin/projections");
            if (answer.ok()) {
                boolean caughtUp = true;
                for (JsonNode item : answer.json().get("items")) {
                    caughtUp &= "RUNNING".equals(item.get("state").asText()) && item.get("lag").asLong(-1) == 0;
                }
                if (caughtUp) {
                    return (System.nanoTime() - start) / 1e9;
                }
            }
            LedgerProcess.sleep(200);
        }
        return -1;
    }

    /**
     * Per tenant: one ledger entry per acknowledged funding (the first funding included) and per charged call,
     * no tranche twice, credits minus debits equal to the balance, which is never negative, and the ledger's
     * and every read model's verification consistent.
     */
    void verifyTenants(String queries, List<String> tenants, Workload workload, List<String> violations) throws Exception {
        for (String tenant : tenants) {
            List<JsonNode> entries = ledger(queries, tenant);
            long credits = 0;
            long debits = 0;
            int fundings = 0;
            Set<String> tranches = new HashSet<>();
            Set<String> charged = new HashSet<>();
            java.util.Map<String, Long> completedCharges = new java.util.HashMap<>();
            for (Workload.Call call : workload.calls) {
                if (call.tenant.equals(tenant) && call.finalCompletion != null) {
                    completedCharges.put(call.callId, cents(Api.JSON.readTree(call.finalCompletion).get("chargedAmount").asText()));
                }
            }
            for (JsonNode entry : entries) {
                long amount = cents(entry.get("amount").asText());
                switch (entry.get("type").asText()) {
                    case "FUNDS_ADDED" -> {
                        credits += amount;
                        fundings++;
                        if (!tranches.add(entry.get("trancheId").asText())) {
                            violations.add(tenant + ": tranche " + entry.get("trancheId").asText() + " funded twice");
                        }
                    }
                    case "FUNDS_CONSUMED", "TRANCHE_EXPIRED" -> {
                        debits += amount;
                        if (entry.get("type").asText().equals("FUNDS_CONSUMED")) {
                            String call = entry.get("reference").asText();
                            if (!charged.add(call)) {
                                violations.add(tenant + ": call " + call + " charged twice");
                            }
                            Long answered = completedCharges.get(call);
                            if (answered == null) {
                                violations.add(tenant + ": credits consumed by " + call + ", a call no client saw completed");
                            } else if (amount > answered) {
                                violations.add(tenant + ": call " + call + " consumed " + amount + " but was answered as charged " + answered);
                            }
                        }
                    }
                    default -> { }
                }
            }
            long expectedFundings = 1 + workload.fundings.stream().filter(f -> f.tenant.equals(tenant)).count();
            if (fundings != expectedFundings) {
                violations.add(tenant + ": " + fundings + " fundings in the ledger, " + expectedFundings + " acknowledged");
            }
            for (Workload.Funding funding : workload.fundings) {
                if (funding.tenant.equals(tenant) && !tranches.contains(funding.trancheId)) {
                    violations.add(tenant + ": acknowledged tranche " + funding.trancheId + " missing from the ledger");
                }
            }
            JsonNode balance = api.get(queries, "finance_reader", "/api/tenants/" + tenant + "/balance").json();
            long balanceCents = cents(balance.get("balance").asText());
            if (balanceCents < 0) {
                violations.add(tenant + ": negative balance " + balance.get("balance").asText());
            }
            if (credits - debits != balanceCents) {
                violations.add(tenant + ": credits " + credits + " - debits " + debits + " != balance " + balanceCents);
            }
            Api.Answer verify = api.get(queries, "auditor", "/api/tenants/" + tenant + "/verify");
            if (!verify.ok() || !verify.json().get("consistent").asBoolean()) {
                violations.add(tenant + ": /verify " + verify.status() + " " + verify.body());
            }
        }
    }

    private List<JsonNode> ledger(String queries, String tenant) {
        List<JsonNode> entries = new ArrayList<>();
        String after = null;
        do {
            Api.Answer page = api.get(queries, "finance_reader", "/api/tenants/" + tenant + "/ledger?limit=1000"
                    + (after == null ? "" : "&after=" + after));
            JsonNode json = require(page, "ledger").json();
            json.get("items").forEach(entries::add);
            after = json.get("next").isNull() ? null : json.get("next").asText();
        } while (after != null);
        return entries;
    }

    static long cents(String amount) {
        return new BigDecimal(amount).movePointRight(2).longValueExact();
    }

    private static Api.Answer require(Api.Answer answer, String what) {
        if (!answer.ok()) {
            throw new IllegalStateException(what + " answered " + answer.status() + " " + answer.body() + " " + answer.error());
        }
        return answer;
    }
}
