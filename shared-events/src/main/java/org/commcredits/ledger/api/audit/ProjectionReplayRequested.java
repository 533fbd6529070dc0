package org.commcredits.ledger.api.audit;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * An operator asked to rebuild a projection from the event stream: a security-relevant fact kept in the
 * event store so auditors see who reset which read model and when.
 *
 * <p>Revision 2 added {@code requestedBy}; revision 1 events are upcast with {@code requestedBy = "unknown"}
 * (the project's upcaster example, with a golden JSON test per revision).
 */
@Revision("2")
public record ProjectionReplayRequested(String projection, String requestedBy, Instant requestedAt) {

    /** What an upcast revision-1 event says about its requester, which revision 1 did not record. */
    public static final String UNKNOWN_REQUESTER = "unknown";
}
