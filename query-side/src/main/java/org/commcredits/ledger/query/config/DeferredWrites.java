package org.commcredits.ledger.query.config;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A projection's writes for one processor batch, collected on the batch's unit of work and written just before
 * it commits, in the same transaction as the token: a handler adds its change to the projection's {@link Batch},
 * which merges changes to the same row (the last balance of a tenant, a hold taken and released in the batch)
 * and writes what is left with JDBC batches. Figures in {@code docs/benchmarks.md}.
 *
 * <p>The writes are not deferred where a failure must stay the event's own:
 * <ul>
 *   <li>without a unit of work, and in a nested one: an operator's retry of parked events handles each in its
 *       own unit of work and transaction, and a failure there must keep that event parked (INV-REL-03);</li>
 *   <li>for events whose deferred writes failed when their batch was about to commit. At that point a failure
 *       belongs to no single event, the batch is rolled back and the processor retries it; on that attempt
 *       those events' writes are made in their own handlers, so that a failing one goes through
 *       {@link RetryThenPark} as a failing handler does: retried, then parked with its tenant's later events
 *       while the other tenants flow (issue 16).</li>
 * </ul>
 * Reads in a handler do not see the batch's deferred rows: a projection defers only writes its handlers never read.
 */
@Component
public final class DeferredWrites {

    private static final Logger log = LoggerFactory.getLogger(DeferredWrites.class);

    /** The changes a projection collects over a batch. */
    public interface Batch {
        /** Writes every change collected so far and forgets them. */
        void write();
    }

    private final ProjectionFailures failures;

    public DeferredWrites(ProjectionFailures failures) {
        this.failures = failures;
    }

    /**
     * Adds a change to the current batch's {@code type} batch of {@code projection} (created by {@code create} on
     * the batch's first change), or writes it at once where writes are not deferred.
     */
    public <B extends Batch> void add(String projection, Class<B> type, Supplier<B> create, Consumer<B> change) {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.isStarted() ? CurrentUnitOfWork.get() : null;
        if (unitOfWork == null || !unitOfWork.isRoot()) {
            B now = create.get();
            change.accept(now);
            now.write();
            return;
        }
        Pending<B> pending = unitOfWork.getOrComputeResource(type.getName() + "@" + projection, key -> {
            Pending<B> created = new Pending<>(projection, create.get());
            unitOfWork.onPrepareCommit(u -> created.writeBeforeCommit());
            unitOfWork.afterCommit(u -> created.committed());
            return created;
        });
        change.accept(pending.batch);
        String event = unitOfWork.getMessage().getIdentifier();
        pending.events.add(event);
        if (failures.writesInHandler(projection, event)) {
            pending.retried = true;
            pending.batch.write();
        }
    }

    private final class Pending<B extends Batch> {
        final String projection;
        final B batch;
        final List<String> events = new ArrayList<>();
        boolean retried;

        Pending(String projection, B batch) {
            this.projection = projection;
            this.batch = batch;
        }

        void writeBeforeCommit() {
            try {
                batch.write();
            } catch (RuntimeException failure) {
                failures.failedAtCommit(projection, events);
                log.warn("{}: the batch's writes failed before commit; it is rolled back and retried with the writes of its "
                        + "{} events in their handlers: {}", projection, events.size(), failure.toString());
                throw failure;
            }
        }

        void committed() {
            if (retried) {
                failures.committed(projection, events);
            }
        }
    }
}
