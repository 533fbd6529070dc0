package org.commcredits.ledger.api.ids;

import org.commcredits.ledger.api.error.ErrorCode;
import org.commcredits.ledger.api.error.LedgerException;

/** An identifier that does not match the contract's pattern. */
public class InvalidIdException extends LedgerException {

    public InvalidIdException(String name, String value) {
        super(ErrorCode.INVALID_ID, name + " must match " + Ids.PATTERN.pattern()
                + (value == null ? " (it is missing)" : ""));
    }
}
