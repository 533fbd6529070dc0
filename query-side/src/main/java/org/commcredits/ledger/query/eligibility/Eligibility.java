package org.commcredits.ledger.query.eligibility;

import org.commcredits.ledger.api.call.CallType;

import java.util.List;
import java.util.Map;

/**
 * A user's eligibility for every kind of call to every class of destination ({@link #calls}). The contract's
 * top level is outbound PSTN within the usage location's country ({@link #domestic}); {@link #international}
 * and {@link #conferenceDialOut} (to a Zone A country abroad) are the answers kept from before the full table.
 */
record Eligibility(Map<CallType, Map<Destination, Scope>> calls) {

    Eligibility {
        calls = Map.copyOf(calls);
    }

    Scope of(CallType kind, Destination destination) {
        return calls.get(kind).get(destination);
    }

    Scope domestic() {
        return of(CallType.OUTBOUND, Destination.DOMESTIC);
    }

    Scope international() {
        return of(CallType.OUTBOUND, Destination.INTERNATIONAL_OTHER);
    }

    Scope conferenceDialOut() {
        return of(CallType.CONFERENCE_DIAL_OUT, Destination.INTERNATIONAL_ZONE_A);
    }

    /** One kind of call: allowed or not, what would pay for the next minute, and why not. */
    record Scope(boolean canDialOut, List<FundedBy> fundedBy, List<Reason> reasons) {

        static Scope denied(List<Reason> reasons) {
            return new Scope(false, List.of(), List.copyOf(reasons));
        }
    }
}
