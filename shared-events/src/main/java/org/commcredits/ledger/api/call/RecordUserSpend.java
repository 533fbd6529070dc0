package org.commcredits.ledger.api.call;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.commcredits.ledger.api.ids.CallId;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.ids.UserId;
import org.commcredits.ledger.api.money.Money;

/** Counts a completed call's charge against the user's monthly limit ({@code month} is {@code YYYY-MM}, UTC). */
public record RecordUserSpend(TenantId tenantId, UserId userId, CallId callId, String month, Money amount) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return SetUserSpendLimit.aggregateIdOf(tenantId, userId);
    }
}
