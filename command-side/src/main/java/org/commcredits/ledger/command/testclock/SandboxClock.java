package org.commcredits.ledger.command.testclock;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.commcredits.ledger.api.operations.MoveTestClock;
import org.commcredits.ledger.api.operations.TestClockMoved;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** The history of the sandbox test clock's moves: one aggregate for the whole deployment. */
@Aggregate
class SandboxClock {

    @AggregateIdentifier
    private String id;

    SandboxClock() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(MoveTestClock command) {
        apply(new TestClockMoved(command.from(), command.to(), command.movedBy()));
    }

    @EventSourcingHandler
    void on(TestClockMoved event) {
        this.id = MoveTestClock.AGGREGATE_ID;
    }
}
