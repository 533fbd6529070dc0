package org.commcredits.ledger.platform.storage;

import org.axonframework.eventhandling.EventMessage;

/**
 * The global index of an event, as the event store stamped it when a processor read it
 * ({@link GlobalIndexStampingEngine}).
 *
 * <p>Never the tracking token's position: for an event that filled a gap (committed after a higher index had
 * been read), the token names the highest index seen, which belongs to another event (issue 16).
 */
public final class EventPositions {

    /** Meta-data key under which the store puts an event's own global index. */
    public static final String META_DATA_KEY = "ledgerGlobalIndex";

    private EventPositions() {
    }

    public static long of(EventMessage<?> event) {
        Object index = event.getMetaData().get(META_DATA_KEY);
        if (index instanceof Number number) {
            return number.longValue();
        }
        if (index instanceof String text) {
            return Long.parseLong(text);
        }
        throw new IllegalStateException("event " + event.getIdentifier() + " (" + event.getPayloadType().getSimpleName()
                + ") carries no global index: was it read from the event store by a tracking processor?");
    }
}
