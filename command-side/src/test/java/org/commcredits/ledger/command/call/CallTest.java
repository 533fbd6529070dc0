package org.commcredits.ledger.command.call;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.commcredits.ledger.api.call.CallAuthorized;
import org.commcredits.ledger.api.call.CallCompleted;
import org.commcredits.ledger.api.call.CallDenied;
import org.commcredits.ledger.api.call.CallType;
import org.commcredits.ledger.api.call.DenyReason;
import org.commcredits.ledger.api.call.E164Number;
import org.commcredits.ledger.api.call.FundedBy;
import org.commcredits.ledger.api.call.RecordCallAuthorization;
import org.commcredits.ledger.api.call.RecordCallCompletion;
import org.commcredits.ledger.api.error.LedgerException;
import org.commcredits.ledger.api.ids.CallId;
import org.commcredits.ledger.api.ids.CountryCode;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.ids.UserId;
import org.commcredits.ledger.api.money.Money;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;

class CallTest {

    static final TenantId T = TenantId.of("contoso");
    static final CallId C = CallId.of("c1");
    static final Instant AT = Instant.parse("2026-11-25T10:00:00Z");
    static final E164Number US = E164Number.of("+12025550100");

    AggregateTestFixture<Call> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Call.class);
    }

    static CallAuthorized authorized() {
        return new CallAuthorized(T, C, UserId.of("ann"), CountryCode.of("US"), US, CountryCode.of("US"),
                CallType.OUTBOUND, FundedBy.CREDITS, null, "call-c1", 600L, null, AT, "2026-11");
    }

    static CallDenied denied() {
        return new CallDenied(T, C, UserId.of("ann"), US, CallType.OUTBOUND, DenyReason.INSUFFICIENT_CREDITS, AT);
    }

    static CallCompleted completed(boolean viaAuthorization) {
        Money zero = Money.zero("USD");
        return new CallCompleted(T, C, UserId.of("ann"), CountryCode.of("US"), US, CountryCode.of("US"),
                CallType.OUTBOUND, AT, AT.plusSeconds(60), 60, 1, null, 0, null, Money.ofMinor(2, "USD"),
                Money.ofMinor(2, "USD"), zero, zero, Money.ofMinor(98, "USD"), FundedBy.CREDITS, viaAuthorization, AT,
                "2026-11");
    }

    @Test
    @DisplayName("INV-CALL-01: a call is decided once; a repeat changes nothing")
    void cannotDecideACallTwice() {
        fixture.givenNoPriorActivity().when(new RecordCallAuthorization(T, C, authorized(), null))
                .expectEvents(authorized());
        fixture.given(authorized()).when(new RecordCallAuthorization(T, C, null, denied())).expectNoEvents();
    }

    @Test
    @DisplayName("INV-CALL-02: only an authorised call completes")
    void cannotCompleteADeniedCall() {
        fixture.given(denied()).when(new RecordCallCompletion(completed(true)))
                .expectException(LedgerException.class).expectNoEvents();
        fixture.given(authorized()).when(new RecordCallCompletion(completed(true))).expectEvents(completed(true));
    }

    @Test
    @DisplayName("INV-CALL-03: a call completes once")
    void cannotCompleteACallTwice() {
        fixture.given(authorized(), completed(true)).when(new RecordCallCompletion(completed(true))).expectNoEvents();
    }

    @Test
    @DisplayName("INV-CALL-05: an imported record is a new call; one the authorisation path knows is refused")
    void canImportOnlyAnUnknownCall() {
        fixture.givenNoPriorActivity().when(new RecordCallCompletion(completed(false))).expectEvents(completed(false));
        fixture.given(authorized()).when(new RecordCallCompletion(completed(false)))
                .expectException(LedgerException.class);
    }
}
