package org.commcredits.ledger.query.statements;

import org.commcredits.ledger.query.history.AccountState;
import org.commcredits.ledger.query.history.CreditAccountEvents;
import org.commcredits.ledger.query.verify.Difference;
import org.commcredits.ledger.query.verify.ReadModelVerifier;
import org.commcredits.ledger.query.verify.TenantHistory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /verify} checks every monthly statement of the tenant's history (INV-ST-01): for each month from the
 * account's opening to now, in UTC, opening plus movements is closing, and each month opens where the one
 * before closed. The statements have no table of their own; what is verified is that the events add up.
 */
@Component
class StatementVerifier implements ReadModelVerifier {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private final Clock clock;

    StatementVerifier(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String readModel() {
        return "statements";
    }

    @Override
    public String processor() {
        return "usage"; // the usage breakdown's call facts; the figures themselves come from the events
    }

    @Override
    public List<Difference> verify(TenantHistory history) {
        List<CreditAccountEvents.Stored> events = new ArrayList<>();
        Instant opened = null;
        for (TenantHistory.Event event : history.creditAccount()) {
            events.add(new CreditAccountEvents.Stored(event.sequence(), event.payload()));
            if (opened == null && event.payload() instanceof org.commcredits.ledger.api.creditaccount.CreditAccountOpened open) {
                opened = open.openedAt();
            }
        }
        List<Difference> differences = new ArrayList<>();
        if (opened == null) {
            return differences;
        }
        // The as-of fold (and so every statement) reads decisions in stream order, which the ledger's one clock
        // makes time order too. A history where a decision is stamped before an earlier one is reported as such:
        // its months cannot be told apart, and checking them would report differences that are not the fold's.
        Instant latest = null;
        for (CreditAccountEvents.Stored stored : events) {
            Instant at = AccountState.effectiveAt(stored.payload());
            if (at == null || !AccountState.stampedWithDecisionTime(stored.payload())) {
                continue;
            }
            if (latest != null && at.isBefore(latest)) {
                differences.add(Difference.compare(readModel(), "event " + stored.sequence(), "effectiveAt",
                        "not before " + latest, at.toString()));
                return differences;
            }
            latest = at;
        }
        Instant now = clock.instant();
        Long previousClosing = null;
        for (YearMonth month = YearMonth.from(opened.atZone(UTC)); !month.atDay(1).atStartOfDay(UTC).toInstant().isAfter(now);
             month = month.plusMonths(1)) {
            Instant from = month.atDay(1).atStartOfDay(UTC).toInstant();
            Instant end = month.plusMonths(1).atDay(1).atStartOfDay(UTC).toInstant();
            MonthlyStatement statement = MonthlyStatement.of(events, month.toString(), from, end.isAfter(now) ? now : end,
                    call -> MonthlyStatement.CallFacts.UNKNOWN);
            if (!statement.reconciles()) {
                differences.add(Difference.compare(readModel(), month.toString(), "closingBalance",
                        statement.opening() + statement.purchases() + statement.recharges() + statement.grants()
                                - statement.refunds() - statement.usage() - statement.expiries(), statement.closing()));
            }
            if (previousClosing != null && previousClosing != statement.opening()) {
                differences.add(Difference.compare(readModel(), month.toString(), "openingBalance", previousClosing,
                        statement.opening()));
            }
            previousClosing = statement.closing();
            if (AccountState.at(events, from).balance() != statement.opening()) {
                differences.add(Difference.compare(readModel(), month.toString(), "openingBalance",
                        AccountState.at(events, from).balance(), statement.opening()));
            }
        }
        return differences;
    }
}
