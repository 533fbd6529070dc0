package org.commcredits.ledger.api.ids;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** An organisation using the ledger. Matches {@link Ids#PATTERN}. */
public record TenantId(String value) {

    public TenantId {
        Ids.require(value, "tenantId");
    }

    @JsonCreator
    public static TenantId of(String value) {
        return new TenantId(value);
    }

    @JsonValue
    public String value() {
        return value;
    }

    /** The aggregate identifier of the tenant's credit account in the event store. */
    public String creditAccountAggregateId() {
        return value + "/credit-account";
    }

    @Override
    public String toString() {
        return value;
    }
}
