package org.commcredits.ledger.api.creditaccount;

/** Why a tranche was added. */
public enum FundingSource {
    /** A manual purchase through the funds endpoint. */
    MANUAL,
    /** An auto-recharge after the balance fell below the threshold. */
    AUTO_RECHARGE
}
