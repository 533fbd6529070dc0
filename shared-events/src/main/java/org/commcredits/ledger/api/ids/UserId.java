package org.commcredits.ledger.api.ids;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A user of a tenant. Matches {@link Ids#PATTERN}. */
public record UserId(String value) {

    public UserId {
        Ids.require(value, "userId");
    }

    @JsonCreator
    public static UserId of(String value) {
        return new UserId(value);
    }

    @JsonValue
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
