package org.commcredits.ledger.api.pool;

import org.commcredits.ledger.api.license.Sku;

/**
 * The included-minute pools a license brings. Sizes per user are in {@code PoolSizes} on the command side
 * (one table; its source is in {@code docs/pools.md}).
 */
public enum PoolKind {
    /** Domestic Calling Plan: calls within the user's usage-location country (US and PR together). */
    DOMESTIC(Sku.CALLING_PLAN_DOMESTIC),
    /** International Calling Plan, its domestic minutes. */
    INTERNATIONAL_PLAN_DOMESTIC(Sku.CALLING_PLAN_INTERNATIONAL),
    /** International Calling Plan, its minutes to other countries. */
    INTERNATIONAL_PLAN_INTERNATIONAL(Sku.CALLING_PLAN_INTERNATIONAL),
    /** Audio Conferencing dial-out to Zone A countries. */
    CONFERENCING_DIAL_OUT(Sku.AUDIO_CONFERENCING);

    private final Sku sku;

    PoolKind(Sku sku) {
        this.sku = sku;
    }

    public Sku sku() {
        return sku;
    }
}
