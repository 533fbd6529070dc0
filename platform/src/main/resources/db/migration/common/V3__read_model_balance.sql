-- Read model "balance": one row per credit account and one per tranche, copied from events.
CREATE TABLE rm_account (
    tenant_id              VARCHAR(128) NOT NULL,
    currency               VARCHAR(3)   NOT NULL,
    billing_agreement      VARCHAR(16)  NOT NULL,
    balance_minor          BIGINT       NOT NULL,
    held_minor             BIGINT       NOT NULL DEFAULT 0,
    auto_recharge_enabled  BOOLEAN      NOT NULL DEFAULT FALSE,
    auto_recharge_threshold_minor BIGINT,
    auto_recharge_amount_minor    BIGINT,
    opened_at              TIMESTAMP    NOT NULL,
    last_sequence          BIGINT       NOT NULL,
    CONSTRAINT pk_rm_account PRIMARY KEY (tenant_id)
);

CREATE TABLE rm_tranche (
    tenant_id       VARCHAR(128) NOT NULL,
    tranche_id      VARCHAR(128) NOT NULL,
    original_minor  BIGINT       NOT NULL,
    remaining_minor BIGINT       NOT NULL,
    purchased_at    TIMESTAMP    NOT NULL,
    expires_at      TIMESTAMP    NOT NULL,
    expired         BOOLEAN      NOT NULL DEFAULT FALSE,
    CONSTRAINT pk_rm_tranche PRIMARY KEY (tenant_id, tranche_id)
);
CREATE INDEX ix_rm_tranche_expiry ON rm_tranche (expires_at);
