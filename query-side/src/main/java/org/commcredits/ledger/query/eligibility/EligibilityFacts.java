package org.commcredits.ledger.query.eligibility;

import org.commcredits.ledger.api.license.DialOutPolicy;
import org.commcredits.ledger.api.license.Sku;

import java.util.Set;

/** What eligibility is decided from, as the read model holds it. */
final class EligibilityFacts {

    private EligibilityFacts() {
    }

    /**
     * A user's licensing: usage location (null when not set), SKUs and effective dial-out policy; {@code known}
     * is false for a user licensing has never heard of.
     */
    record User(String userId, String usageLocation, Set<Sku> skus, DialOutPolicy dialOutPolicy, boolean known) {

        User {
            dialOutPolicy = dialOutPolicy == null ? DialOutPolicy.UNRESTRICTED : dialOutPolicy;
        }

        User(String userId, String usageLocation, Set<Sku> skus) {
            this(userId, usageLocation, skus, DialOutPolicy.UNRESTRICTED, true);
        }

        User withDialOutPolicy(DialOutPolicy policy) {
            return new User(userId, usageLocation, skus, policy, known);
        }

        static User unknown(String userId) {
            return new User(userId, null, Set.of(), DialOutPolicy.UNRESTRICTED, false);
        }
    }

    /** The tenant's credit account, or {@link #NONE} when it has none. */
    record Account(boolean exists, String billingAgreement, long balanceMinor, long heldMinor) {

        static final Account NONE = new Account(false, null, 0, 0);

        long availableMinor() {
            return balanceMinor - heldMinor;
        }

        boolean isMca() {
            return "MCA".equals(billingAgreement);
        }
    }

    /** Which included-minute pools are used up this month, for the user's tenant. */
    interface Pools {

        Pools ALL_AVAILABLE = (pool, country) -> false;

        boolean exhausted(String pool, String country);
    }
}
