package org.commcredits.ledger.query.admin;

import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.commcredits.ledger.api.error.ErrorCode;
import org.commcredits.ledger.api.error.LedgerException;
import org.commcredits.ledger.platform.security.LedgerPrincipal;
import org.commcredits.ledger.platform.storage.ProcessorPositions;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * {@code GET /api/admin/projections}: each processor's position, lag and state (positions come from the
 * shared token table, so they are true across instances; segment details are this instance's).
 * {@code POST /api/admin/projections/{name}/replay}: rebuild one projection (202 with its progress).
 * {@code GET .../{name}/dead-letters} and {@code POST .../{name}/dead-letters/retry}: what a projection parked
 * and handling it again; {@code GET /api/admin/notifications}: notifications for operators (issue 16).
 */
@RestController
class ProjectionsController {

    private final ProjectionReplays replays;
    private final ProcessorPositions positions;
    private final ProjectionDeadLetters deadLetters;
    private final OperatorNotifications notifications;

    ProjectionsController(ProjectionReplays replays, ProcessorPositions positions, ProjectionDeadLetters deadLetters,
                          OperatorNotifications notifications) {
        this.replays = replays;
        this.positions = positions;
        this.deadLetters = deadLetters;
        this.notifications = notifications;
    }

    record SegmentView(int segment, Long position, boolean caughtUp, boolean replaying, String error) {
    }

    record ProjectionView(String name, String state, Long position, long head, Long lag, boolean replaying,
                          int deadLetters, List<SegmentView> segments, ProjectionReplays.Progress replay) {
    }

    record Page<T>(List<T> items, String next) {
    }

    record ProjectionsView(long head, List<ProjectionView> items) {
    }

    @GetMapping(path = "/api/admin/projections", produces = "application/json")
    ProjectionsView projections() {
        long head = replays.head();
        Map<String, Integer> parked = deadLetters.counts();
        List<ProjectionView> items = new ArrayList<>();
        for (Map.Entry<String, StreamingEventProcessor> entry : replays.processors().entrySet()) {
            items.add(view(entry.getKey(), entry.getValue(), head, parked.getOrDefault(entry.getKey(), 0)));
        }
        return new ProjectionsView(head, items);
    }

    @GetMapping(path = "/api/admin/projections/{name}/dead-letters", produces = "application/json")
    Page<ProjectionDeadLetters.Letter> deadLetters(@PathVariable String name) {
        known(name);
        return new Page<>(deadLetters.list(name, 1000), null);
    }

    @PostMapping(path = "/api/admin/projections/{name}/dead-letters/retry", produces = "application/json")
    ProjectionDeadLetters.RetryResult retryDeadLetters(@PathVariable String name) {
        known(name);
        return deadLetters.retry(name);
    }

    @GetMapping(path = "/api/admin/notifications", produces = "application/json")
    Page<OperatorNotifications.Notification> operatorNotifications() {
        return new Page<>(notifications.latest(1000), null);
    }

    private void known(String name) {
        if (!replays.processors().containsKey(name)) {
            throw new LedgerException(ErrorCode.PROJECTION_NOT_FOUND, "No projection named " + name);
        }
    }

    @PostMapping(path = "/api/admin/projections/{name}/replay", produces = "application/json")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ProjectionReplays.Progress replay(@PathVariable String name, Authentication authentication) {
        String requestedBy = authentication.getPrincipal() instanceof LedgerPrincipal principal ? principal.name() : authentication.getName();
        return replays.start(name, requestedBy);
    }

    private ProjectionView view(String name, StreamingEventProcessor processor, long head, int parked) {
        List<SegmentView> segments = new ArrayList<>();
        boolean error = false;
        for (EventTrackerStatus status : processor.processingStatus().values()) {
            OptionalLong position = status.getCurrentPosition();
            segments.add(new SegmentView(status.getSegment().getSegmentId(), position.isPresent() ? position.getAsLong() : null,
                    status.isCaughtUp(), status.isReplaying(), status.isErrorState() ? String.valueOf(status.getError()) : null));
            error |= status.isErrorState();
        }
        Long position = sharedPosition(name);
        boolean replaying = processor.isReplaying() || replays.isRebuilding(name);
        String state = error ? "ERROR" : replaying ? "REPLAYING" : processor.isRunning() ? "RUNNING" : "STOPPED";
        return new ProjectionView(name, state, position, head, position == null ? null : Math.max(0, head - position),
                replaying, parked, segments, replays.progress(name).orElse(null));
    }

    /** The lowest position over all segments in the token table (null before the first claim). */
    private Long sharedPosition(String name) {
        List<TrackingToken> tokens = positions.tokens(name);
        if (tokens.isEmpty()) {
            return null;
        }
        long lowest = Long.MAX_VALUE;
        for (TrackingToken token : tokens) {
            lowest = Math.min(lowest, token == null ? 0 : token.position().orElse(0));
        }
        return lowest;
    }
}
