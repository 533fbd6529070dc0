package org.commcredits.ledger.api.license;

import org.commcredits.ledger.api.error.ErrorCode;

/**
 * What happened to one user of a bulk assignment. {@code code} is null when assigned, and the stable
 * rejection code otherwise ({@code LICENSE_ALREADY_ASSIGNED} for {@link Outcome#ALREADY_ASSIGNED}).
 */
public record BulkAssignmentResult(String userId, Outcome outcome, ErrorCode code) {

    public enum Outcome {
        ASSIGNED,
        ALREADY_ASSIGNED,
        REJECTED
    }
}
