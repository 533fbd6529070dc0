package org.commcredits.ledger.command.testclock;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.commcredits.ledger.api.error.ErrorCode;
import org.commcredits.ledger.api.operations.MoveTestClock;
import org.commcredits.ledger.api.error.LedgerException;
import org.commcredits.ledger.platform.time.ClockAdvanced;
import org.commcredits.ledger.platform.time.TestClockStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.commcredits.ledger.platform.security.LedgerPrincipal;
import org.commcredits.ledger.platform.web.RequestFields;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The sandbox test clock of the contract. It only moves forward; moving it runs everything that fell due
 * (tranche expiry, month roll-over, scheduled recharges) before answering. Absent outside the sandbox,
 * where the path is 404.
 */
@RestController
@RequestMapping(path = "/api/test-clock", produces = "application/json")
@ConditionalOnProperty(name = "ledger.sandbox.enabled", havingValue = "true")
class TestClockController {

    private static final Logger log = LoggerFactory.getLogger(TestClockController.class);

    private final Clock clock;
    private final TestClockStore store;
    private final ApplicationEventPublisher events;
    private final CommandGateway commands;

    TestClockController(Clock clock, TestClockStore store, ApplicationEventPublisher events, CommandGateway commands) {
        this.clock = clock;
        this.store = store;
        this.events = events;
        this.commands = commands;
    }

    record Move(String advanceBy, String now) {
    }

    @GetMapping
    Map<String, String> now() {
        return Map.of("now", clock.instant().toString());
    }

    @PostMapping(consumes = "application/json")
    synchronized Map<String, String> move(@RequestBody Move move, @AuthenticationPrincipal LedgerPrincipal principal) {
        if (move == null || (move.advanceBy() == null) == (move.now() == null)) {
            throw new LedgerException(ErrorCode.INVALID_REQUEST, "Give exactly one of advanceBy (ISO-8601 period or duration) or now (instant)");
        }
        Instant from = clock.instant();
        Instant to = move.now() != null ? instant(move.now()) : advance(from, move.advanceBy());
        if (to.isBefore(from)) {
            throw new LedgerException(ErrorCode.CLOCK_CANNOT_GO_BACKWARDS, "The test clock is at " + from + "; it cannot move to " + to);
        }
        String by = principal == null ? "unknown" : principal.name();
        commands.sendAndWait(new MoveTestClock(from, to, by));
        long system = Clock.systemUTC().millis();
        store.store(to.toEpochMilli() - system);
        log.info("Test clock moved by {} from {} to {}", by, from, to);
        events.publishEvent(new ClockAdvanced(from, to));
        return Map.of("now", clock.instant().toString(), "from", from.toString());
    }

    private static Instant instant(String text) {
        return RequestFields.instant(text, "now"); // INV-IN-04: years 2000 to 9999
    }

    private static Instant advance(Instant from, String text) {
        try {
            if (text.contains("T")) {
                Duration duration = Duration.parse(text);
                if (duration.isNegative()) {
                    throw new LedgerException(ErrorCode.CLOCK_CANNOT_GO_BACKWARDS, "advanceBy must not be negative");
                }
                return from.plus(duration);
            }
            Period period = Period.parse(text);
            if (period.isNegative()) {
                throw new LedgerException(ErrorCode.CLOCK_CANNOT_GO_BACKWARDS, "advanceBy must not be negative");
            }
            return from.atZone(ZoneOffset.UTC).plus(period).toInstant();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new LedgerException(ErrorCode.INVALID_DURATION, "advanceBy must be an ISO-8601 period or duration such as P12M or PT1H");
        }
    }
}
