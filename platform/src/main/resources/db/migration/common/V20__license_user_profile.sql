-- Command-side lookup for the call path (FindUserCallingProfile): one row per licensed user, written in the
-- same transaction as the licensing events by a subscribing processor. skus: sorted, comma-separated.
CREATE TABLE lic_user_profile (
    tenant_id      VARCHAR(128) NOT NULL,
    user_id        VARCHAR(128) NOT NULL,
    usage_location VARCHAR(2),
    skus           VARCHAR(256) NOT NULL DEFAULT '',
    CONSTRAINT pk_lic_user_profile PRIMARY KEY (tenant_id, user_id)
);

-- One row per tenant with licensing, locked (row lock, held to commit) by every licensing command before it
-- loads the tenant's inventory: concurrent commands on one tenant queue here instead of failing on the
-- event stream's sequence number and retrying, in every JVM.
CREATE TABLE lic_tenant_lock (
    tenant_id VARCHAR(128) NOT NULL,
    commands  BIGINT       NOT NULL,
    CONSTRAINT pk_lic_tenant_lock PRIMARY KEY (tenant_id)
);
