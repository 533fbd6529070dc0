package org.commcredits.ledger.api.operations;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Records a move of the sandbox test clock, so that it shows in the audit stream with who moved it. */
public record MoveTestClock(Instant from, Instant to, String movedBy) {

    public static final String AGGREGATE_ID = "sandbox/test-clock";

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AGGREGATE_ID;
    }
}
