package org.commcredits.ledger.api.license;

import java.util.Objects;

/** A user's effective outbound calling restriction: one setting for PSTN calls, one for conference dial-out. */
public record DialOutPolicy(PstnDialOut pstn, ConferenceDialOut conference) {

    /** What applies when neither the tenant nor the user set anything (the contract's default). */
    public static final DialOutPolicy UNRESTRICTED = new DialOutPolicy(PstnDialOut.INTERNATIONAL_AND_DOMESTIC,
            ConferenceDialOut.ANY_DESTINATION);

    public DialOutPolicy {
        Objects.requireNonNull(pstn, "pstn");
        Objects.requireNonNull(conference, "conference");
    }

    /** The user's setting where they have one, else the tenant's (a null field follows the tenant). */
    public static DialOutPolicy effective(DialOutPolicy tenant, PstnDialOut userPstn, ConferenceDialOut userConference) {
        DialOutPolicy base = tenant == null ? UNRESTRICTED : tenant;
        return new DialOutPolicy(userPstn != null ? userPstn : base.pstn(),
                userConference != null ? userConference : base.conference());
    }
}
