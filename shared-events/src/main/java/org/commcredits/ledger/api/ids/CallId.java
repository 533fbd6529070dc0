package org.commcredits.ledger.api.ids;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A call, named by the telephony service. Matches {@link Ids#PATTERN}. */
public record CallId(String value) {

    public CallId {
        Ids.require(value, "callId");
    }

    @JsonCreator
    public static CallId of(String value) {
        return new CallId(value);
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
