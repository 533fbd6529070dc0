package org.commcredits.ledger.command.license;

import org.commcredits.ledger.api.license.Sku;

/** A SKU's seats as the tenant holds them: bought (or unlimited) and assigned. Answers the seat commands. */
record SeatCount(Sku sku, long seats, boolean unlimited, long assigned) {

    Long available() {
        return unlimited ? null : seats - assigned;
    }
}
