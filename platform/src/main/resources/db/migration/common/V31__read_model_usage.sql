-- Read model "usage": one row per pool and month, one per completed call (the PSTN usage report).
CREATE TABLE rm_pool_usage (
    tenant_id      VARCHAR(128) NOT NULL,
    usage_month    VARCHAR(7)   NOT NULL,
    pool_kind      VARCHAR(40)  NOT NULL,
    country        VARCHAR(2)   NOT NULL,
    size_minutes   BIGINT       NOT NULL,
    used_minutes   BIGINT       NOT NULL,
    members        BIGINT       NOT NULL,
    last_sequence  BIGINT       NOT NULL,
    CONSTRAINT pk_rm_pool_usage PRIMARY KEY (tenant_id, usage_month, pool_kind, country)
);

CREATE TABLE rm_call_usage (
    tenant_id            VARCHAR(128) NOT NULL,
    call_id              VARCHAR(128) NOT NULL,
    usage_month         VARCHAR(7)   NOT NULL,
    user_id              VARCHAR(128),
    usage_location       VARCHAR(2),
    call_type            VARCHAR(24)  NOT NULL,
    destination          VARCHAR(16)  NOT NULL,
    destination_country  VARCHAR(2),
    destination_name     VARCHAR(100),
    started_at           TIMESTAMP    NOT NULL,
    ended_at             TIMESTAMP    NOT NULL,
    duration_seconds     BIGINT       NOT NULL,
    billed_minutes       BIGINT       NOT NULL,
    minutes_from_pool    BIGINT       NOT NULL,
    pool_kind            VARCHAR(40),
    pool_country         VARCHAR(2),
    charge_minor         BIGINT       NOT NULL,
    credits_minor        BIGINT       NOT NULL,
    postpaid_minor       BIGINT       NOT NULL,
    unfunded_minor       BIGINT       NOT NULL,
    currency             VARCHAR(3),
    funded_by            VARCHAR(24)  NOT NULL,
    rate_card_id         VARCHAR(128),
    rate_card_version    BIGINT,
    event_sequence       BIGINT       NOT NULL,
    CONSTRAINT pk_rm_call_usage PRIMARY KEY (tenant_id, call_id)
);
CREATE INDEX ix_rm_call_usage_month ON rm_call_usage (tenant_id, usage_month, started_at);
