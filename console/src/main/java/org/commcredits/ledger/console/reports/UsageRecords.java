package org.commcredits.ledger.console.reports;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What the usage report shows of the month's calls, as {@code GET .../usage/summary} answers it: the spend per day
 * (in the tenant's pool time zone) and the top destinations by spend.
 */
public final class UsageRecords {

    public record Day(LocalDate day, BigDecimal spend, long calls) {
    }

    public record Destination(String name, String country, BigDecimal spend, long calls, long seconds) {
    }

    private UsageRecords() {
    }
}
