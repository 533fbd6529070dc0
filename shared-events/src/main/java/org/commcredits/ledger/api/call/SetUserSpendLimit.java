package org.commcredits.ledger.api.call;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.ids.UserId;
import org.commcredits.ledger.api.money.Money;

/** Sets (or, with a null {@code monthlyLimit}, removes) a user's monthly limit on call charges (INV-CALL-11). */
public record SetUserSpendLimit(TenantId tenantId, UserId userId, Money monthlyLimit, String setBy) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return aggregateIdOf(tenantId, userId);
    }

    public static String aggregateIdOf(TenantId tenantId, UserId userId) {
        return tenantId.value() + "/users/" + userId.value() + "/spend-limit";
    }
}
