package org.commcredits.ledger.reliability;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Client threads that fund tenants and charge calls to them, each request with its own idempotency key, and
 * remember every answer, so that after the faults every request can be sent again and the outcome checked:
 * each acknowledged command exactly once, none of the others half-applied.
 */
final class Workload {

    static final String FUNDING = "{\"amount\":\"50.00\"}";
    static final String DESTINATION = "+12025550100";

    /** A funding request and what its first answer said. */
    static final class Funding {
        final String tenant;
        final String key;
        volatile Api.Answer first;
        volatile String trancheId;

        Funding(String tenant, String key) {
            this.tenant = tenant;
            this.key = key;
        }
    }

    /** A call: authorised (ALLOW or DENY), then completed with an idempotency key. */
    static final class Call {
        final String tenant;
        final String callId;
        final int durationSeconds;
        volatile Api.Answer authorized;
        volatile Api.Answer completed;
        volatile String finalCompletion;

        Call(String tenant, String callId, int durationSeconds) {
            this.tenant = tenant;
            this.callId = callId;
            this.durationSeconds = durationSeconds;
        }

        String path() {
            return "/api/tenants/" + tenant + "/calls/" + callId;
        }

        boolean allowed() {
            return authorized != null && authorized.ok() && authorized.body().contains("\"ALLOW\"");
        }
    }

    final Queue<Funding> fundings = new ConcurrentLinkedQueue<>();
    final Queue<Call> calls = new ConcurrentLinkedQueue<>();
    final AtomicLong requests = new AtomicLong();
    final AtomicLong acknowledged = new AtomicLong();
    final AtomicLong internalErrors = new AtomicLong();
    final AtomicLong unavailable = new AtomicLong();
    final AtomicLong noAnswer = new AtomicLong();
    final List<String> violations = java.util.Collections.synchronizedList(new ArrayList<>());

    private final Api api;
    private final List<String> tenants;
    private final IntFunction<String> baseFor;
    private final String run;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicInteger sequence = new AtomicInteger();
    private ExecutorService clients;

    /** @param baseFor the base URL a client thread sends to (by thread number: two command sides share the load) */
    Workload(Api api, List<String> tenants, IntFunction<String> baseFor, String run) {
        this.api = api;
        this.tenants = tenants;
        this.baseFor = baseFor;
        this.run = run;
    }

    void start(int threads) {
        running.set(true);
        clients = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            int thread = t;
            clients.submit(() -> loop(thread));
        }
    }

    void stop() {
        running.set(false);
        clients.shutdown();
        try {
            if (!clients.awaitTermination(60, TimeUnit.SECONDS)) {
                clients.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop(int thread) {
        Random random = new Random(thread * 7919L + run.hashCode());
        while (running.get()) {
            String tenant = tenants.get(random.nextInt(tenants.size()));
            String base = baseFor.apply(thread);
            int n = sequence.incrementAndGet();
            if (random.nextInt(10) < 4) {
                Funding funding = new Funding(tenant, "f-" + run + "-" + n);
                fundings.add(funding);
                funding.first = record(api.post(base, "billing_admin", "/api/tenants/" + tenant + "/credit-account/funds", FUNDING, funding.key));
                if (funding.first.status() == 201) {
                    funding.trancheId = funding.first.json().get("trancheId").asText();
                }
            } else {
                Call call = new Call(tenant, "c-" + run + "-" + n, 30 + random.nextInt(600));
                calls.add(call);
                call.authorized = record(authorize(base, call));
                if (call.allowed()) {
                    call.completed = record(complete(base, call));
                }
            }
        }
    }

    Api.Answer authorize(String base, Call call) {
        return api.post(base, "telephony", call.path() + "/authorize",
                "{\"userId\":\"u1\",\"destination\":\"" + DESTINATION + "\",\"callType\":\"OUTBOUND\"}", null);
    }

    Api.Answer complete(String base, Call call) {
        return api.post(base, "telephony", call.path() + "/complete", "{\"durationSeconds\":" + call.durationSeconds + "}",
                "k-" + call.callId);
    }

    private Api.Answer record(Api.Answer answer) {
        requests.incrementAndGet();
        if (answer.ok()) {
            acknowledged.incrementAndGet();
        } else if (answer.status() == 0) {
            noAnswer.incrementAndGet();
        } else if (answer.status() == 503) {
            unavailable.incrementAndGet();
            if (!answer.body().contains("\"code\"")) {
                violations.add("503 without a problem code: " + answer.body());
            }
        } else if (answer.status() >= 500) {
            internalErrors.incrementAndGet();
            violations.add("answered " + answer.status() + ": " + answer.body());
        }
        return answer;
    }

    /**
     * Sends every request again with its key, once the ledger is back: an acknowledged one must answer
     * {@code Idempotent-Replayed} with the same result (else it was doubled or changed); the others now get
     * their answer, so each key ends applied exactly once. Returns [lost, doubled].
     */
    long[] resendAll(String base) {
        long lost = 0;
        long doubled = 0;
        for (Funding funding : fundings) {
            Api.Answer again = api.post(base, "billing_admin", "/api/tenants/" + funding.tenant + "/credit-account/funds", FUNDING, funding.key);
            if (again.status() != 201) {
                lost++;
                violations.add("funding " + funding.key + " answered " + again.status() + " when sent again: " + again.body());
                continue;
            }
            String tranche = again.json().get("trancheId").asText();
            if (funding.first != null && funding.first.status() == 201) {
                if (!again.replayed() || !tranche.equals(funding.trancheId)) {
                    doubled++;
                    violations.add("acknowledged funding " + funding.key + " was not replayed as " + funding.trancheId + ": " + again.body());
                }
            }
            funding.trancheId = tranche;
        }
        for (Call call : calls) {
            if (call.authorized == null || !call.authorized.ok()) {
                call.authorized = authorize(base, call);
            }
            if (!call.allowed()) {
                continue;
            }
            Api.Answer again = complete(base, call);
            if (!again.ok()) {
                lost++;
                violations.add("completion of " + call.callId + " answered " + again.status() + " when sent again: " + again.body());
                continue;
            }
            if (call.completed != null && call.completed.ok()) {
                JsonNode first = call.completed.json();
                JsonNode now = again.json();
                if (!again.replayed() || !first.get("chargedAmount").equals(now.get("chargedAmount"))) {
                    doubled++;
                    violations.add("acknowledged completion " + call.callId + " was not replayed: " + again.body());
                }
            }
            call.finalCompletion = again.body();
        }
        return new long[] {lost, doubled};
    }
}
