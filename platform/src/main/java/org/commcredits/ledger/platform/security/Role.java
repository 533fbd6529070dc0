package org.commcredits.ledger.platform.security;

/** The contract's roles. A principal holds one or more and may be bound to one tenant. */
public enum Role {
    BILLING_ADMIN,
    LICENSE_ADMIN,
    TELEPHONY,
    RATES_ADMIN,
    FINANCE_READER,
    AUDITOR,
    OPERATOR;

    public String authority() {
        return "ROLE_" + name();
    }
}
