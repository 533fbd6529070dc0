-- Included-minute pools sized by license holders, in the tenant's time zone (issue 6). Both command-side
-- tables are kept by the subscribing processor of lic_user_profile (UserCallingProfiles), in the same
-- transaction as the licensing events, and read by the call path in the one look-up of its user profile.

-- Holders per tenant and pool country (a PR user counts in US): how many users located there hold each plan
-- with included minutes. Recounted from lic_user_profile for the tenant after each licensing event that can
-- change it; the call path reads one row by primary key.
CREATE TABLE lic_pool_holders (
    tenant_id     VARCHAR(128) NOT NULL,
    pool_country  VARCHAR(2)   NOT NULL,
    domestic      BIGINT       NOT NULL,
    international BIGINT       NOT NULL,
    conferencing  BIGINT       NOT NULL,
    CONSTRAINT pk_lic_pool_holders PRIMARY KEY (tenant_id, pool_country)
);

INSERT INTO lic_pool_holders (tenant_id, pool_country, domestic, international, conferencing)
SELECT tenant_id, CASE WHEN usage_location = 'PR' THEN 'US' ELSE usage_location END,
       SUM(CASE WHEN ',' || skus || ',' LIKE '%,CALLING_PLAN_DOMESTIC,%' THEN 1 ELSE 0 END),
       SUM(CASE WHEN ',' || skus || ',' LIKE '%,CALLING_PLAN_INTERNATIONAL,%' THEN 1 ELSE 0 END),
       SUM(CASE WHEN ',' || skus || ',' LIKE '%,AUDIO_CONFERENCING,%' THEN 1 ELSE 0 END)
FROM lic_user_profile
WHERE usage_location IS NOT NULL
GROUP BY tenant_id, CASE WHEN usage_location = 'PR' THEN 'US' ELSE usage_location END;

-- The tenant's time zone for pool months (IANA id); no row means UTC.
CREATE TABLE lic_pool_settings (
    tenant_id VARCHAR(128) NOT NULL,
    time_zone VARCHAR(64)  NOT NULL,
    CONSTRAINT pk_lic_pool_settings PRIMARY KEY (tenant_id)
);

-- Read model "usage": a pool's size now counts the plan's holders, not the users who called.
ALTER TABLE rm_pool_usage RENAME COLUMN members TO holders;

-- Read model "eligibility": the tenant's pool time zone (IANA id), so that "this month" of rm_elig_pool is the
-- tenant's month, as the pool events name it. No row means UTC.
CREATE TABLE rm_elig_pool_zone (
    tenant_id     VARCHAR(128) NOT NULL,
    time_zone     VARCHAR(64)  NOT NULL,
    last_sequence BIGINT       NOT NULL,
    CONSTRAINT pk_rm_elig_pool_zone PRIMARY KEY (tenant_id)
);
