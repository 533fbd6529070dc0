package org.commcredits.ledger.platform.storage;

import org.axonframework.eventhandling.TrackingToken;

/** The global index of the event being handled, from the tracking token a processor passes to a handler. */
public final class EventPositions {

    private EventPositions() {
    }

    public static long of(TrackingToken token) {
        if (token == null) {
            throw new IllegalStateException("handler called without a tracking token: is its processor a tracking processor?");
        }
        return token.position().orElseThrow(() -> new IllegalStateException("token without a position: " + token));
    }
}
