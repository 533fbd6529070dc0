package org.commcredits.ledger.query.notifications;

/** The kinds of notification the read model lists. */
enum NotificationType {
    LOW_BALANCE,
    BALANCE_DEPLETED,
    RECHARGE_SUCCEEDED,
    RECHARGE_FAILED,
    TRANCHE_EXPIRING_SOON
}
