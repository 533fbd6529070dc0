package org.commcredits.ledger.query.eligibility;

import java.util.List;

/**
 * A user's eligibility: outbound PSTN calls within the usage location's country (the top level of the
 * contract's answer), international destinations, and conference dial-out.
 */
record Eligibility(Scope domestic, Scope international, Scope conferenceDialOut) {

    /** One kind of call: allowed or not, what would pay for the next minute, and why not. */
    record Scope(boolean canDialOut, List<FundedBy> fundedBy, List<Reason> reasons) {

        static Scope denied(List<Reason> reasons) {
            return new Scope(false, List.of(), List.copyOf(reasons));
        }
    }
}
