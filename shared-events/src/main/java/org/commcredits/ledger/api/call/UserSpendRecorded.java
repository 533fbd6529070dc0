package org.commcredits.ledger.api.call;

import org.axonframework.serialization.Revision;
import org.commcredits.ledger.api.ids.CallId;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.ids.UserId;
import org.commcredits.ledger.api.money.Money;

import java.time.Instant;

/** A call's charge counted against a user's limit: {@code spentAfter} in {@code month}, out of {@code monthlyLimit}. */
@Revision("1")
public record UserSpendRecorded(TenantId tenantId, UserId userId, CallId callId, String month, Money amount,
                                Money spentAfter, Money monthlyLimit, Instant occurredAt) {
}
