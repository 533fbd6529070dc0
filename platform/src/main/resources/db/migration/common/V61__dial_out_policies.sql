-- Dial-out restriction policies (issue 17), Microsoft's OnlineDialOutPolicy: a tenant default (user_id '')
-- and per-user overrides, where a null column follows the tenant.

-- Command side, kept by the subscribing processor of lic_user_profile (UserCallingProfiles), read by the call
-- path in its one profile look-up.
CREATE TABLE lic_dial_out_policy (
    tenant_id  VARCHAR(128) NOT NULL,
    user_id    VARCHAR(128) NOT NULL,
    pstn       VARCHAR(32),
    conference VARCHAR(32),
    CONSTRAINT pk_lic_dial_out_policy PRIMARY KEY (tenant_id, user_id)
);

-- Read model "eligibility": the same policies, for eligibility and GET .../dial-out-policy.
CREATE TABLE rm_elig_dial_out (
    tenant_id     VARCHAR(128) NOT NULL,
    user_id       VARCHAR(128) NOT NULL,
    pstn          VARCHAR(32),
    conference    VARCHAR(32),
    last_sequence BIGINT       NOT NULL,
    CONSTRAINT pk_rm_elig_dial_out PRIMARY KEY (tenant_id, user_id)
);

-- Read model "usage": calls the call path denied (GET .../blocked-calls), in the spirit of Microsoft's PSTN
-- blocked users report. usage_month is the UTC month of the denial.
CREATE TABLE rm_blocked_call (
    tenant_id           VARCHAR(128) NOT NULL,
    call_id             VARCHAR(128) NOT NULL,
    usage_month         VARCHAR(7)   NOT NULL,
    user_id             VARCHAR(128),
    call_type           VARCHAR(32)  NOT NULL,
    destination         VARCHAR(32)  NOT NULL,
    reason              VARCHAR(64)  NOT NULL,
    blocked_at          TIMESTAMP    NOT NULL,
    event_sequence      BIGINT       NOT NULL,
    CONSTRAINT pk_rm_blocked_call PRIMARY KEY (tenant_id, call_id)
);
CREATE INDEX ix_rm_blocked_call_month ON rm_blocked_call (tenant_id, usage_month, blocked_at);
