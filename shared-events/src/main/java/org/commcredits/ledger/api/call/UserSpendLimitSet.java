package org.commcredits.ledger.api.call;

import org.axonframework.serialization.Revision;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.ids.UserId;
import org.commcredits.ledger.api.money.Money;

import java.time.Instant;

/** A user's monthly call-charge limit was set; {@code monthlyLimit} null means no limit. */
@Revision("1")
public record UserSpendLimitSet(TenantId tenantId, UserId userId, Money monthlyLimit, String setBy, Instant setAt) {
}
