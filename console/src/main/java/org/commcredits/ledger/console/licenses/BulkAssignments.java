package org.commcredits.ledger.console.licenses;

import org.commcredits.ledger.console.api.ApiAnswer;
import org.commcredits.ledger.console.api.LedgerApi;
import org.commcredits.ledger.console.security.ConsoleCredential;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bulk assignments from an uploaded CSV, run in the background so the page can show a progress bar that
 * follows the work: the users go to the API in chunks of {@value #CHUNK} (usage locations first where the
 * file names them, then the licenses), and each answered chunk moves the bar. Jobs are kept in memory for
 * an hour and shown only to the user who started them.
 */
@Component
public class BulkAssignments {

    static final int CHUNK = 250;
    private static final Duration KEPT = Duration.ofHours(1);

    private final LedgerApi api;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final ExecutorService workers = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "console-bulk-assign");
        thread.setDaemon(true);
        return thread;
    });

    BulkAssignments(LedgerApi api) {
        this.api = api;
    }

    /** One row of the file: a user and, optionally, the usage location to set first. */
    public record Row(String userId, String country) {
    }

    /** A job's progress, as the page polls it. */
    public static final class Job {
        final String id;
        final String tenantId;
        final String owner;
        final String sku;
        final int total;
        final Instant startedAt = Instant.now();
        final AtomicInteger done = new AtomicInteger();
        final AtomicInteger assigned = new AtomicInteger();
        final AtomicInteger alreadyAssigned = new AtomicInteger();
        final AtomicInteger rejected = new AtomicInteger();
        final List<Map<String, String>> refusals = new ArrayList<>();
        volatile boolean finished;
        volatile String error;

        Job(String id, String tenantId, String owner, String sku, int total) {
            this.id = id;
            this.tenantId = tenantId;
            this.owner = owner;
            this.sku = sku;
            this.total = total;
        }

        public Map<String, Object> view() {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("jobId", id);
            view.put("sku", sku);
            view.put("total", total);
            view.put("done", done.get());
            view.put("assigned", assigned.get());
            view.put("alreadyAssigned", alreadyAssigned.get());
            view.put("rejected", rejected.get());
            view.put("finished", finished);
            view.put("error", error);
            synchronized (refusals) {
                view.put("refusals", List.copyOf(refusals));
            }
            return view;
        }
    }

    public Job start(String tenantId, ConsoleCredential credential, String sku, List<Row> rows) {
        Instant cutoff = Instant.now().minus(KEPT);
        jobs.values().removeIf(job -> job.finished && job.startedAt.isBefore(cutoff));
        Job job = new Job(UUID.randomUUID().toString(), tenantId, credential.username(), sku, rows.size());
        jobs.put(job.id, job);
        workers.submit(() -> run(job, credential, rows));
        return job;
    }

    public Job find(String tenantId, String jobId, String username) {
        Job job = jobs.get(jobId);
        return job != null && job.tenantId.equals(tenantId) && job.owner.equals(username) ? job : null;
    }

    private void run(Job job, ConsoleCredential credential, List<Row> rows) {
        String base = "/api/tenants/" + job.tenantId;
        try {
            for (int from = 0; from < rows.size(); from += CHUNK) {
                List<Row> chunk = rows.subList(from, Math.min(from + CHUNK, rows.size()));
                Map<String, List<String>> byCountry = new LinkedHashMap<>();
                for (Row row : chunk) {
                    if (row.country() != null) {
                        byCountry.computeIfAbsent(row.country(), c -> new ArrayList<>()).add(row.userId());
                    }
                }
                for (Map.Entry<String, List<String>> country : byCountry.entrySet()) {
                    ApiAnswer located = api.send(credential, "POST", base + "/licenses/bulk-usage-location",
                            Map.of("country", country.getKey(), "userIds", country.getValue()), null);
                    if (!located.ok()) {
                        throw new IllegalStateException("usage locations refused: " + located.code());
                    }
                }
                ApiAnswer answer = api.send(credential, "POST", base + "/licenses/bulk-assign",
                        Map.of("sku", job.sku, "userIds", chunk.stream().map(Row::userId).toList()), null);
                if (!answer.ok()) {
                    throw new IllegalStateException("assignment refused: " + answer.code());
                }
                for (Map<String, Object> item : answer.items()) {
                    switch (String.valueOf(item.get("outcome"))) {
                        case "ASSIGNED" -> job.assigned.incrementAndGet();
                        case "ALREADY_ASSIGNED" -> job.alreadyAssigned.incrementAndGet();
                        default -> {
                            job.rejected.incrementAndGet();
                            synchronized (job.refusals) {
                                if (job.refusals.size() < 50) {
                                    job.refusals.add(Map.of("userId", String.valueOf(item.get("userId")), "code", String.valueOf(item.get("code"))));
                                }
                            }
                        }
                    }
                }
                job.done.addAndGet(chunk.size());
            }
        } catch (RuntimeException e) {
            job.error = e.getMessage();
        } finally {
            job.finished = true;
        }
    }
}
