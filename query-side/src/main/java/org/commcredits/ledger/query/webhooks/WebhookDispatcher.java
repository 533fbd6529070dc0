package org.commcredits.ledger.query.webhooks;

import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.webhook.WebhookEndpointDisabled;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

/**
 * Sends the outbox (INV-WH-03..08). Each poll leases the oldest due message of endpoints that have one, at most
 * as many as it has free workers; a worker sends its message, records the attempt and, when it was delivered,
 * leases the endpoint's next message itself (so one endpoint's backlog drains at the receiver's pace, not one
 * message per poll). A failed attempt makes the message due again after the retry schedule's delay, and the
 * endpoint's later messages wait behind it; after the last attempt the message is {@code FAILED}, the endpoint
 * disabled and a {@link WebhookEndpointDisabled} event published in the same transaction.
 *
 * <p>Every instant is the injected clock's, so moving the sandbox test clock makes retries due without waiting.
 */
final class WebhookDispatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    /** Messages one worker sends to an endpoint in a row before it gives other endpoints a turn. */
    private static final int DRAIN_LIMIT = 1_000;

    private final WebhookMessages messages;
    private final WebhookEndpoints endpoints;
    private final WebhookUrlPolicy policy;
    private final WebhookSender sender;
    private final RetrySchedule schedule;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final Consumer<WebhookEndpointDisabled> disabled;
    private final DoubleSupplier random;
    private final String owner = "dispatcher-" + UUID.randomUUID().toString().substring(0, 8);
    private final ExecutorService workers;
    private final Semaphore free;
    private final int workerCount;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ExecutorService waker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "webhook-waker");
        thread.setDaemon(true);
        return thread;
    });
    private final java.util.concurrent.atomic.AtomicBoolean wakeQueued = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean stopping;

    WebhookDispatcher(WebhookMessages messages, WebhookEndpoints endpoints, WebhookUrlPolicy policy, WebhookSender sender,
                      RetrySchedule schedule, Clock clock, TransactionTemplate transactions,
                      Consumer<WebhookEndpointDisabled> disabled, DoubleSupplier random, int workerCount) {
        this.messages = messages;
        this.endpoints = endpoints;
        this.policy = policy;
        this.sender = sender;
        this.schedule = schedule;
        this.clock = clock;
        this.transactions = transactions;
        this.disabled = disabled;
        this.random = random;
        this.workerCount = workerCount;
        this.free = new Semaphore(workerCount);
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(workerCount, task -> {
            Thread thread = new Thread(task, "webhook-sender-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    String owner() {
        return owner;
    }

    /** One poll: leases due messages for the free workers and hands them over; answers how many it leased. */
    int dispatchDue() {
        if (stopping) {
            return 0;
        }
        int permits = free.drainPermits();
        List<WebhookMessages.Claimed> claimed;
        try {
            claimed = permits == 0 ? List.of() : transactions.execute(tx -> messages.claim(owner, clock.instant(), permits, null));
        } catch (RuntimeException e) {
            free.release(permits);
            throw e;
        }
        free.release(permits - claimed.size());
        for (WebhookMessages.Claimed message : claimed) {
            inFlight.incrementAndGet();
            workers.execute(() -> {
                try {
                    drain(message);
                } catch (RuntimeException e) {
                    log.error("Webhook message {} could not be processed; its claim expires in {}", message.messageId(), WebhookMessages.LEASE, e);
                } finally {
                    inFlight.decrementAndGet();
                    free.release();
                }
            });
        }
        return claimed.size();
    }

    /** Asks for a poll soon, on another thread; wakes that come while one is queued are one poll. */
    void wake() {
        if (stopping || !wakeQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            waker.execute(() -> {
                wakeQueued.set(false);
                try {
                    dispatchDue();
                } catch (RuntimeException e) {
                    log.warn("Webhook poll on wake-up failed; the scheduled poll retries: {}", e.toString());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            wakeQueued.set(false);
        }
    }

    /** Polls until nothing is due or in flight (tests and the sandbox: no real waiting for the schedule). */
    void sendDueNow(Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            int leased = dispatchDue();
            if (leased == 0 && inFlight.get() == 0 && free.availablePermits() == workerCount) {
                if (dispatchDue() == 0 && inFlight.get() == 0) {
                    return;
                }
            }
            sleep(5);
        }
        throw new IllegalStateException("webhook messages still in flight after " + patience);
    }

    private void drain(WebhookMessages.Claimed first) {
        WebhookMessages.Claimed message = first;
        int sent = 0;
        while (message != null) {
            if (stopping || sent >= DRAIN_LIMIT) {
                WebhookMessages.Claimed leftover = message;
                transactions.executeWithoutResult(tx -> messages.release(leftover, owner));
                return;
            }
            sent++;
            message = attempt(message, sent < DRAIN_LIMIT && !stopping);
        }
    }

    /**
     * Sends one message and records the attempt; when it was delivered and {@code claimNext}, the endpoint's
     * next due message is leased in the same transaction (one commit per message instead of two) and answered.
     */
    private WebhookMessages.Claimed attempt(WebhookMessages.Claimed message, boolean claimNext) {
        Instant now = clock.instant();
        WebhookMessages.Attempt attempt;
        URI url = URI.create(message.url());
        Optional<String> refusal = policy.refusal(url);
        if (refusal.isPresent()) {
            attempt = new WebhookMessages.Attempt(now, null, "refused: " + refusal.get(), 0);
        } else {
            List<String> secrets = endpoints.signingSecrets(message.webhookId(), now);
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("webhook-id", message.messageId());
            headers.put("webhook-timestamp", Long.toString(now.getEpochSecond()));
            headers.put("webhook-signature", WebhookSignature.header(secrets, message.messageId(), now.getEpochSecond(), message.payload()));
            attempt = sender.send(url, headers, message.payload(), clock);
            if (attempt == null) {
                transactions.executeWithoutResult(tx -> messages.release(message, owner));
                return null;
            }
        }
        WebhookMessages.Attempt done = attempt;
        int failedInRound = message.roundAttempts() + 1;
        Instant next = done.delivered() ? null
                : schedule.delayAfter(failedInRound, random.getAsDouble()).map(done.at()::plus).orElse(null);
        Outcome outcome = transactions.execute(tx -> {
            if (!messages.record(message, owner, done, next)) {
                return new Outcome(false, null);
            }
            if (!done.delivered() && next == null && endpoints.disable(message.webhookId(), done.at())) {
                disabled.accept(new WebhookEndpointDisabled(TenantId.of(message.tenantId()), message.webhookId(), message.url(),
                        message.messageId(), message.attempts() + 1, done.statusCode(), done.at()));
            }
            if (done.delivered() && claimNext) {
                List<WebhookMessages.Claimed> following = messages.claim(owner, clock.instant(), 1, message.webhookId());
                return new Outcome(true, following.isEmpty() ? null : following.get(0));
            }
            return new Outcome(true, null);
        });
        if (outcome == null || !outcome.recorded()) {
            log.warn("Webhook message {}: the claim expired during the attempt; another instance may send it again", message.messageId());
            return null;
        }
        if (!done.delivered()) {
            log.info("Webhook message {} to {}: attempt {} failed ({}), {}", message.messageId(), message.webhookId(),
                    message.attempts() + 1, done.statusCode() != null ? "status " + done.statusCode() : done.error(),
                    next == null ? "no attempt left: endpoint disabled" : "next at " + next);
        }
        return outcome.next();
    }

    private record Outcome(boolean recorded, WebhookMessages.Claimed next) {
    }

    @Override
    public void close() {
        stopping = true;
        waker.shutdownNow();
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
