package org.commcredits.ledger.command.duework;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.commcredits.ledger.api.creditaccount.AttemptRecharge;
import org.commcredits.ledger.api.creditaccount.IssuePostpaidInvoice;
import org.commcredits.ledger.api.creditaccount.ProcessDueWork;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.platform.time.ClockAdvanced;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Sends the command of every {@code due_work} item whose instant has come on the ledger clock: every few
 * seconds ({@code ledger.due-work.sweep-interval-ms}, default 2000), and at once when the sandbox test clock
 * moves (before the move is answered). Commands are idempotent, so a second sweeper (another JVM, or the
 * scheduled and the clock-triggered sweep racing) only repeats harmless work.
 */
@Component
class DueWorkSweeper {

    private static final Logger log = LoggerFactory.getLogger(DueWorkSweeper.class);
    private static final int BATCH = 500;
    private static final int MAX_ROUNDS = 100;

    private final DueWorkTable table;
    private final CommandGateway commands;
    private final Clock clock;

    DueWorkSweeper(DueWorkTable table, CommandGateway commands, Clock clock) {
        this.table = table;
        this.commands = commands;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${ledger.due-work.sweep-interval-ms:2000}",
            initialDelayString = "${ledger.due-work.sweep-interval-ms:2000}")
    void onSchedule() {
        sweep();
    }

    @EventListener
    void on(ClockAdvanced moved) {
        int done = sweep();
        log.info("Test clock moved to {}: {} due item(s) done", moved.to(), done);
    }

    /**
     * Does every item due now, including items that doing others made due (an expiry that triggers a
     * recharge); an item whose command fails is left for the next sweep.
     */
    synchronized int sweep() {
        Set<DueItem> failed = new HashSet<>();
        int done = 0;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            List<DueItem> due = table.dueAt(clock.instant(), BATCH + failed.size()).stream()
                    .filter(item -> !failed.contains(item)).toList();
            if (due.isEmpty()) {
                break;
            }
            for (DueItem item : due) {
                try {
                    commands.sendAndWait(commandFor(item));
                    table.done(item);
                    done++;
                } catch (AggregateNotFoundException gone) {
                    table.done(item);
                } catch (RuntimeException failure) {
                    log.warn("Due work {} failed; retried at the next sweep", item, failure);
                    failed.add(item);
                }
            }
        }
        return done;
    }

    private static Object commandFor(DueItem item) {
        TenantId tenant = TenantId.of(item.tenantId());
        return switch (item.kind()) {
            case TRANCHE_EXPIRY, TRANCHE_WARNING, RESERVATION_TIMEOUT -> new ProcessDueWork(tenant);
            case RECHARGE_ATTEMPT -> new AttemptRecharge(tenant, item.reference());
            case MONTH_END -> new IssuePostpaidInvoice(tenant, item.reference());
        };
    }
}
