package org.commcredits.ledger.api.creditaccount;

import org.commcredits.ledger.api.money.Money;

/** One line of an invoice, e.g. "Communication Credits", 100.00 USD. */
public record InvoiceLine(String description, Money amount) {

    public static final String COMMUNICATION_CREDITS = "Communication Credits";
}
