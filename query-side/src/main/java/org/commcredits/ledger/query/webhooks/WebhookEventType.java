package org.commcredits.ledger.query.webhooks;

import org.commcredits.ledger.api.error.ErrorCode;
import org.commcredits.ledger.api.error.LedgerException;

import java.util.Arrays;

/** The contract's webhook event types, by their wire names. */
enum WebhookEventType {
    FUNDS_ADDED("funds.added"),
    /** A refund of a tranche's remainder (issue 12), with its credit note. */
    FUNDS_REFUNDED("funds.refunded"),
    RECHARGE_SUCCEEDED("recharge.succeeded"),
    RECHARGE_FAILED("recharge.failed"),
    BALANCE_LOW("balance.low"),
    BALANCE_DEPLETED("balance.depleted"),
    TRANCHE_EXPIRING("tranche.expiring"),
    TRANCHE_EXPIRED("tranche.expired"),
    POOL_THRESHOLD_REACHED("pool.threshold_reached"),
    INVOICE_ISSUED("invoice.issued"),
    LICENSE_ASSIGNED("license.assigned"),
    LICENSE_REMOVED("license.removed");

    private final String wire;

    WebhookEventType(String wire) {
        this.wire = wire;
    }

    String wire() {
        return wire;
    }

    static WebhookEventType fromWire(String value) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(value)).findFirst()
                .orElseThrow(() -> new LedgerException(ErrorCode.INVALID_EVENT_TYPE,
                        "eventTypes must be among " + Arrays.stream(values()).map(WebhookEventType::wire).toList()));
    }
}
