-- Read model "eligibility": the facts eligibility is decided from, copied from licensing and credit-account
-- events. The decision itself (EligibilityRules) runs when asked, so a month roll-over or a pool change
-- needs no rewrite of every user's row.

-- One row per user licensing has heard of. skus: sorted, comma-separated SKU names.
CREATE TABLE rm_elig_user (
    tenant_id      VARCHAR(128) NOT NULL,
    user_id        VARCHAR(128) NOT NULL,
    usage_location VARCHAR(2),
    skus           VARCHAR(256) NOT NULL DEFAULT '',
    last_sequence  BIGINT       NOT NULL,
    CONSTRAINT pk_rm_elig_user PRIMARY KEY (tenant_id, user_id)
);

-- One row per tenant with a credit account: what pays for minutes beyond the included ones.
-- available = balance_minor - held_minor (holds for authorised calls).
CREATE TABLE rm_elig_tenant (
    tenant_id          VARCHAR(128) NOT NULL,
    currency           VARCHAR(3)   NOT NULL,
    billing_agreement  VARCHAR(16)  NOT NULL,
    balance_minor      BIGINT       NOT NULL DEFAULT 0,
    held_minor         BIGINT       NOT NULL DEFAULT 0,
    credits_enabled    BOOLEAN      NOT NULL DEFAULT FALSE,
    last_sequence      BIGINT       NOT NULL,
    CONSTRAINT pk_rm_elig_tenant PRIMARY KEY (tenant_id)
);

-- The extension point for included-minute pools (driven by the pool events of rating, issue 6): a row with
-- exhausted = TRUE means the tenant's pool of that plan (CALLING_PLAN_DOMESTIC, CALLING_PLAN_INTERNATIONAL,
-- AUDIO_CONFERENCING) for users located in that country is used up for that month (YYYY-MM, UTC).
-- No row means available: pools are available by default and every new month starts without rows.
CREATE TABLE rm_elig_pool (
    tenant_id     VARCHAR(128) NOT NULL,
    pool          VARCHAR(32)  NOT NULL,
    country       VARCHAR(2)   NOT NULL,
    usage_month   VARCHAR(7)   NOT NULL,
    exhausted     BOOLEAN      NOT NULL,
    last_sequence BIGINT       NOT NULL,
    CONSTRAINT pk_rm_elig_pool PRIMARY KEY (tenant_id, pool, country, usage_month)
);
