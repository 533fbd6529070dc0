package org.commcredits.ledger.query.notifications;

/** The kinds of notification the read model lists. */
enum NotificationType {
    LOW_BALANCE,
    BALANCE_RECOVERED,
    BALANCE_DEPLETED,
    RECHARGE_SUCCEEDED,
    RECHARGE_FAILED,
    TRANCHE_EXPIRING_SOON,
    /** An included-minute pool's use reached 80% this month. */
    POOL_80_PERCENT,
    /** An included-minute pool is used up this month: further minutes are paid from credits. */
    POOL_100_PERCENT,
    /** A webhook endpoint was disabled: a message still failed after its last scheduled attempt. */
    WEBHOOK_DISABLED
}
