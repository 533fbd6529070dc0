package org.commcredits.ledger.apps;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryGateway;
import org.commcredits.ledger.api.creditaccount.AccountStanding;
import org.commcredits.ledger.api.creditaccount.ChargeOutcome;
import org.commcredits.ledger.api.creditaccount.FindAccountStanding;
import org.commcredits.ledger.api.creditaccount.FundsReserved;
import org.commcredits.ledger.api.creditaccount.ReserveFunds;
import org.commcredits.ledger.api.creditaccount.ChargeUsage;
import org.commcredits.ledger.api.creditaccount.FundsConsumed;
import org.commcredits.ledger.api.creditaccount.InvoiceIssued;
import org.commcredits.ledger.api.creditaccount.InvoiceKind;
import org.commcredits.ledger.api.creditaccount.InvoiceStatus;
import org.commcredits.ledger.api.creditaccount.TrancheExpired;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.money.Money;
import org.commcredits.ledger.api.money.MoneyFormat;
import org.commcredits.ledger.platform.testing.LedgerHttp;
import org.commcredits.ledger.platform.testing.PostgresTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tenant's whole credit journey through HTTP on PostgreSQL: funding, usage across two tranches, expiry at
 * month 12 by the test clock, an auto-recharge that succeeds, one that is declined and recovers once the
 * payment method is fixed, and a switch to MCA that drains the balance and then bills postpaid usage on a
 * month-end invoice. Usage is charged through the command bus (the public call paths belong to the call path).
 */
class CreditAccountJourneyPostgresTest {

    private static final String T = "/api/tenants/journey";
    private static final TenantId TENANT = TenantId.of("journey");
    private static PostgresTestDatabase database;
    private static RunningLedger ledger;

    @BeforeAll
    static void start() {
        database = PostgresTestDatabase.create("ca_journey");
        ledger = RunningLedger.start(StandaloneApplication.class, database.url(), database.user(),
                "ledger.due-work.sweep-interval-ms=300");
    }

    @AfterAll
    static void stop() {
        if (ledger != null) {
            ledger.close();
        }
        if (database != null) {
            database.drop();
        }
    }

    @Test
    @DisplayName("INV-CA-04 INV-CA-05 INV-CA-06 INV-CA-07 INV-CA-12 INV-CA-13: the credit journey on PostgreSQL")
    void walksATenantThroughItsCreditJourney() {
        LedgerHttp http = ledger.http();
        assertThat(http.post("billing_admin", T + "/credit-account", "{\"currency\":\"USD\",\"billingAgreement\":\"DIRECT\"}").status())
                .isEqualTo(201);
        assertThat(http.post("billing_admin", T + "/credit-account/funds", "{\"amount\":\"100.00\"}").code())
                .isEqualTo("NO_PAYMENT_METHOD");
        rejectionsAtTheEdge(http);
        paymentMethod(http, "pm_card_visa");
        assertThat(http.post("billing_admin", T + "/credit-account/funds", "{\"amount\":\"49.99\"}").code())
                .isEqualTo("BELOW_MINIMUM_FUNDING");
        assertThat(http.put("billing_admin", T + "/credit-account/auto-recharge",
                "{\"enabled\":true,\"threshold\":\"20.00\",\"amount\":\"10.00\"}").code()).isEqualTo("BELOW_MINIMUM_FUNDING");

        // funding: two tranches an hour apart (the first with an Idempotency-Key, repeated)
        LedgerHttp.Answer once = http.post("billing_admin", T + "/credit-account/funds", "{\"amount\":\"100.00\"}", "buy-1");
        LedgerHttp.Answer twice = http.post("billing_admin", T + "/credit-account/funds", "{\"amount\":\"100.00\"}", "buy-1");
        assertThat(once.status()).isEqualTo(201);
        assertThat(twice.body()).isEqualTo(once.body());
        assertThat(twice.header("Idempotent-Replayed")).isEqualTo("true");
        String first = once.json().get("trancheId").asText();
        Instant afterFirstFunding = Instant.parse(http.get("operator", "/api/test-clock").json().get("now").asText());
        advance(http, "PT1H");
        String second = fund(http, "100.00", "200.00").get("trancheId").asText();

        // usage across two tranches, oldest first
        ChargeOutcome charged = charge("call-1", "130.00");
        assertThat(charged.fromCredits()).isEqualTo(usd("130.00"));
        FundsConsumed consumed = events(FundsConsumed.class).get(0);
        assertThat(consumed.portions()).extracting(p -> p.trancheId() + "=" + p.amount().toPlainString())
                .containsExactly(first + "=100.00", second + "=30.00");
        JsonNode balance = awaitBalance(http, b -> b.get("balance").asText().equals("70.00"));
        assertThat(balance.get("tranches")).hasSize(1);
        JsonNode then = http.get("finance_reader", T + "/balance?asOf=" + afterFirstFunding).json();
        assertThat(then.get("balance").asText()).as("the balance as it stood, rebuilt from events").isEqualTo("100.00");
        assertThat(then.get("tranches")).hasSize(1);
        assertThat(http.get("finance_reader", T + "/balance?asOf=2000-01-01T00:00:00Z").code()).isEqualTo("ACCOUNT_NOT_FOUND");
        assertThat(http.get("finance_reader", T + "/balance?asOf=yesterday").code()).isEqualTo("INVALID_INSTANT");

        // month 12: both tranches expire, the second forfeiting its 70.00
        advance(http, "P12M");
        awaitBalance(http, b -> b.get("balance").asText().equals("0.00"));
        assertThat(events(TrancheExpired.class)).extracting(e -> e.forfeited().toPlainString())
                .containsExactly("0.00", "70.00");

        // an auto-recharge that succeeds
        fund(http, "100.00", "100.00");
        assertThat(http.put("billing_admin", T + "/credit-account/auto-recharge",
                "{\"enabled\":true,\"threshold\":\"20.00\",\"amount\":\"50.00\"}").status()).isEqualTo(200);
        charge("call-2", "90.00");
        awaitBalance(http, b -> b.get("balance").asText().equals("60.00"));
        awaitNotification(http, "RECHARGE_SUCCEEDED");
        awaitNotification(http, "LOW_BALANCE");

        // one that is declined, then recovers once the payment method is fixed
        paymentMethod(http, "pm_card_chargeDeclined");
        charge("call-3", "45.00");
        awaitNotification(http, "RECHARGE_FAILED");
        assertThat(http.post("billing_admin", T + "/credit-account/funds", "{\"amount\":\"100.00\"}").code())
                .isEqualTo("PAYMENT_DECLINED");
        awaitBalance(http, b -> b.get("balance").asText().equals("15.00"));
        paymentMethod(http, "pm_card_visa");
        awaitBalance(http, b -> b.get("balance").asText().equals("65.00"));

        // the switch to MCA: auto-recharge must be off first; no credit purchases afterwards
        assertThat(http.put("billing_admin", T + "/credit-account/billing-agreement", "{\"billingAgreement\":\"MCA\"}").code())
                .isEqualTo("AUTO_RECHARGE_MUST_BE_OFF");
        assertThat(http.put("billing_admin", T + "/credit-account/auto-recharge", "{\"enabled\":false}").status()).isEqualTo(200);
        assertThat(http.put("billing_admin", T + "/credit-account/billing-agreement", "{\"billingAgreement\":\"MCA\"}").status())
                .isEqualTo(200);
        assertThat(http.post("billing_admin", T + "/credit-account/funds", "{\"amount\":\"100.00\"}").code())
                .isEqualTo("MCA_CANNOT_BUY_CREDITS");
        assertThat(http.put("billing_admin", T + "/credit-account/auto-recharge",
                "{\"enabled\":true,\"threshold\":\"20.00\",\"amount\":\"50.00\"}").code()).isEqualTo("AUTO_RECHARGE_NOT_ALLOWED_FOR_MCA");

        // drain, then postpaid usage, invoiced at the month's end
        ChargeOutcome drained = charge("call-4", "100.00");
        assertThat(drained.fromCredits()).isEqualTo(usd("65.00"));
        assertThat(drained.postpaid()).isEqualTo(usd("35.00"));
        assertThat(charge("call-5", "10.00").postpaid()).isEqualTo(usd("10.00"));
        Instant now = Instant.parse(http.get("operator", "/api/test-clock").json().get("now").asText());
        Instant monthEnd = YearMonth.from(now.atZone(ZoneOffset.UTC)).plusMonths(1).atDay(1)
                .atStartOfDay(ZoneOffset.UTC).toInstant();
        assertThat(http.post("operator", "/api/test-clock", "{\"now\":\"" + monthEnd + "\"}").status()).isEqualTo(200);
        List<InvoiceIssued> invoices = events(InvoiceIssued.class);
        assertThat(invoices).extracting(InvoiceIssued::number).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        InvoiceIssued postpaid = invoices.get(5);
        assertThat(postpaid.kind()).isEqualTo(InvoiceKind.POSTPAID_USAGE);
        assertThat(postpaid.status()).isEqualTo(InvoiceStatus.DUE);
        assertThat(postpaid.total()).isEqualTo(usd("45.00"));
        assertThat(awaitBalance(http, b -> b.get("billingAgreement").asText().equals("MCA")).get("balance").asText())
                .isEqualTo("0.00");

        // what the call path asks: the standing from the account itself, and holds on a drained MCA account
        QueryGateway queries = ledger.bean(QueryGateway.class);
        AccountStanding standing = queries.query(new FindAccountStanding(TENANT), AccountStanding.class).join();
        assertThat(standing.isPostpaid()).isTrue();
        assertThat(standing.available()).isEqualTo(usd("0.00"));
        assertThat(queries.query(new FindAccountStanding(TenantId.of("nobody")), AccountStanding.class).join()).isNull();
        FundsReserved nothing = ledger.bean(CommandGateway.class).sendAndWait(
                new ReserveFunds(TENANT, "res-1", usd("1.00"), true, null));
        assertThat(nothing).as("nothing available to hold").isNull();
    }

    /** Existence, authorisation and validation answer before any business rule. */
    private static void rejectionsAtTheEdge(LedgerHttp http) {
        assertThat(http.post("billing_admin", "/api/tenants/nobody/credit-account/funds", "{\"amount\":\"100.00\"}").code())
                .isEqualTo("ACCOUNT_NOT_FOUND");
        assertThat(http.put("billing_admin", "/api/tenants/nobody/credit-account/auto-recharge", "{\"enabled\":false}").code())
                .isEqualTo("ACCOUNT_NOT_FOUND");
        assertThat(http.post("finance_reader", T + "/credit-account/funds", "{\"amount\":\"100.00\"}").status()).isEqualTo(403);
        assertThat(http.post("billing_admin", T + "/credit-account/funds", "{\"amount\":\"-5\"}").code()).isEqualTo("INVALID_AMOUNT");
        assertThat(http.put("billing_admin", T + "/credit-account/payment-method",
                "{\"type\":\"CARD\",\"token\":\"4242424242424242\"}").code()).isEqualTo("INVALID_PAYMENT_METHOD");
        assertThat(http.put("billing_admin", T + "/credit-account/billing-agreement", "{\"billingAgreement\":\"EA\"}").code())
                .isEqualTo("INVALID_BILLING_AGREEMENT");
        assertThat(http.put("billing_admin", T + "/credit-account/auto-recharge", "{\"enabled\":true,\"amount\":\"50.00\"}").code())
                .isEqualTo("INVALID_REQUEST");
    }

    private static Money usd(String amount) {
        return MoneyFormat.parse(amount, "USD").orElseThrow();
    }

    private static void paymentMethod(LedgerHttp http, String token) {
        assertThat(http.put("billing_admin", T + "/credit-account/payment-method",
                "{\"type\":\"CARD\",\"token\":\"" + token + "\"}").status()).isEqualTo(200);
    }

    private static JsonNode fund(LedgerHttp http, String amount, String balanceAfter) {
        LedgerHttp.Answer funded = http.post("billing_admin", T + "/credit-account/funds", "{\"amount\":\"" + amount + "\"}");
        assertThat(funded.status()).as(funded.body()).isEqualTo(201);
        assertThat(funded.json().get("balance").asText()).isEqualTo(balanceAfter);
        return funded.json();
    }

    private static void advance(LedgerHttp http, String by) {
        assertThat(http.post("operator", "/api/test-clock", "{\"advanceBy\":\"" + by + "\"}").status()).isEqualTo(200);
    }

    private static int charges;

    private static ChargeOutcome charge(String callId, String amount) {
        return ledger.bean(CommandGateway.class).sendAndWait(
                new ChargeUsage(TENANT, "charge-" + (++charges), callId, null, usd(amount)));
    }

    private static <E> List<E> events(Class<E> type) {
        List<E> found = new ArrayList<>();
        ledger.bean(EventStore.class).readEvents(TENANT.creditAccountAggregateId(), 0).asStream()
                .map(DomainEventMessage::getPayload)
                .filter(type::isInstance)
                .forEach(payload -> found.add(type.cast(payload)));
        return found;
    }

    private static JsonNode awaitBalance(LedgerHttp http, Predicate<JsonNode> condition) {
        long deadline = System.currentTimeMillis() + 15_000;
        JsonNode last = null;
        while (System.currentTimeMillis() < deadline) {
            LedgerHttp.Answer answer = http.get("finance_reader", T + "/balance");
            if (answer.status() == 200) {
                last = answer.json();
                if (condition.test(last)) {
                    return last;
                }
            }
            pause();
        }
        throw new AssertionError("balance never met the condition; last seen " + last);
    }

    private static void awaitNotification(LedgerHttp http, String type) {
        long deadline = System.currentTimeMillis() + 15_000;
        JsonNode last = null;
        while (System.currentTimeMillis() < deadline) {
            last = http.get("finance_reader", T + "/notifications").json();
            for (JsonNode item : last.get("items")) {
                if (item.get("type").asText().equals(type)) {
                    return;
                }
            }
            pause();
        }
        throw new AssertionError("no " + type + " notification; last seen " + last);
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
