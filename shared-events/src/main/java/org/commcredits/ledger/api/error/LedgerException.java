package org.commcredits.ledger.api.error;

/**
 * A rejection with a stable {@link ErrorCode}. Thrown by command handlers before any event is applied,
 * and by request validation at the edge; the HTTP layer turns it into {@code application/problem+json}.
 */
public class LedgerException extends RuntimeException {

    private final ErrorCode code;

    public LedgerException(ErrorCode code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
