package org.commcredits.ledger.command.creditaccount;

import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.axonframework.queryhandling.QueryHandler;
import org.commcredits.ledger.api.creditaccount.AccountStanding;
import org.commcredits.ledger.api.creditaccount.FindAccountStanding;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Answers {@link FindAccountStanding} from the account's current state on the command side (not a read model:
 * the call path must not decide on lagging data), usually from the aggregate cache. Loading the aggregate appends nothing; expired tranches and
 * timed-out holds are left out even before the sweep or the next command applies them.
 */
@Component
class AccountStandingQueries {

    private final Repository<CreditAccount> accounts;
    private final Clock clock;

    AccountStandingQueries(Repository<CreditAccount> accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    /** The standing, or {@code null} when the tenant has no credit account. */
    @QueryHandler
    AccountStanding handle(FindAccountStanding query) {
        AtomicReference<AccountStanding> standing = new AtomicReference<>();
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            accounts.load(query.tenantId().creditAccountAggregateId())
                    .execute(account -> standing.set(account.standingAt(clock.instant())));
            // Committed, not rolled back: nothing was applied, so nothing is appended, and a rollback would
            // evict the account from the aggregate cache that the next command then reloads from the store.
            unitOfWork.commit();
        } catch (AggregateNotFoundException missing) {
            unitOfWork.rollback();
            return null;
        } catch (RuntimeException failure) {
            if (unitOfWork.isActive()) {
                unitOfWork.rollback(failure);
            }
            throw failure;
        }
        return standing.get();
    }
}
