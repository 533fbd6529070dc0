package org.commcredits.ledger.platform.web;

import java.io.IOException;

/** A request body longer than the contract's limit (1 MiB). */
public class PayloadTooLargeException extends IOException {

    public PayloadTooLargeException(long limit) {
        super("The request body exceeds " + limit + " bytes");
    }
}
