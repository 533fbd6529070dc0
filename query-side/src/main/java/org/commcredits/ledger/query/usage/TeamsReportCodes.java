package org.commcredits.ledger.query.usage;

import org.commcredits.ledger.api.call.CallType;
import org.commcredits.ledger.api.pool.PoolKind;

/**
 * The codes of Microsoft's Teams PSTN usage and minute-pools reports, so that a Teams admin finds what they
 * know (docs/usage-reports.md gives the mapping and its source). One place for the translation.
 */
final class TeamsReportCodes {

    /** The capability of calls paid from Communication Credits (Microsoft's "Communications Credits" service plan). */
    static final String COMMUNICATION_CREDITS = "MCOPSTNPP";

    private TeamsReportCodes() {
    }

    /** The report's call type: {@code user_out}, {@code conf_out}, {@code user_in}. */
    static String callType(String callType) {
        return switch (CallType.valueOf(callType)) {
            case OUTBOUND -> "user_out";
            case CONFERENCE_DIAL_OUT -> "conf_out";
            case TOLL_FREE_INBOUND -> "user_in";
        };
    }

    /** The capability (service plan) code of the plan whose pool paid. */
    static String capability(PoolKind pool) {
        return switch (pool) {
            case DOMESTIC -> "MCOPSTN1";
            case INTERNATIONAL_PLAN_DOMESTIC, INTERNATIONAL_PLAN_INTERNATIONAL -> "MCOPSTN2";
            case CONFERENCING_DIAL_OUT -> "MCOMEETADD";
        };
    }

    /** The minute-pools report's capability description. */
    static String description(PoolKind pool) {
        return switch (pool) {
            case DOMESTIC -> "Domestic Calling Plan";
            case INTERNATIONAL_PLAN_DOMESTIC -> "International Calling Plan, domestic minutes";
            case INTERNATIONAL_PLAN_INTERNATIONAL -> "International Calling Plan, international minutes";
            case CONFERENCING_DIAL_OUT -> "Audio Conferencing dial-out";
        };
    }
}
