package org.commcredits.ledger.api.operations;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The sandbox test clock moved from {@code from} to {@code to}, by {@code movedBy}. A security-relevant
 * action (it makes tranches expire): recorded as an event so auditors see it in the stream.
 */
@Revision("1")
public record TestClockMoved(Instant from, Instant to, String movedBy) {
}
