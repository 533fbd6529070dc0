package org.commcredits.ledger.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntPredicate;

/**
 * Drives authorise + complete over HTTP against a running ledger, many tenants at once, and prints
 * completed calls per second and p50/p99 latencies. {@code benchmarks/load-calls.sh} starts the application
 * on PostgreSQL, measures pgbench's single-row insert rate and runs this (docs/benchmarks.md).
 *
 * <p>Arguments: baseUrl tenants calls concurrency rateLimitPerSecond(0 = as fast as possible) setup
 * ({@code contract}: open, fund and license each tenant through the contract's paths; {@code none}: the
 * tenants exist already, e.g. the stubbed test application) [rateCardCsvPath].
 */
public final class CallLoadBenchmark {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private CallLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int tenants = Integer.parseInt(args[1]);
        int calls = Integer.parseInt(args[2]);
        int concurrency = Integer.parseInt(args[3]);
        double rate = Double.parseDouble(args[4]);
        String setup = args[5];
        if (args.length > 6) {
            check(send("rates_admin", "PUT", base + "/api/rate-cards/bench", Files.readString(Path.of(args[6])),
                    "text/csv"), "rate card");
        }
        if (setup.equals("contract")) {
            for (int t = 0; t < tenants; t++) {
                String tenant = base + "/api/tenants/bench-" + t;
                send("billing_admin", "POST", tenant + "/credit-account", "{\"currency\":\"USD\",\"billingAgreement\":\"DIRECT\"}", null);
                send("billing_admin", "PUT", tenant + "/credit-account/payment-method", "{\"type\":\"CARD\",\"token\":\"pm_card_visa\"}", null);
                send("billing_admin", "POST", tenant + "/credit-account/funds", "{\"amount\":\"100000.00\"}", null);
                send("license_admin", "POST", tenant + "/subscriptions", "{\"sku\":\"CALLING_PLAN_PAYG\",\"seats\":10}", null);
                send("license_admin", "POST", tenant + "/subscriptions", "{\"sku\":\"COMMUNICATION_CREDITS\",\"seats\":10}", null);
                send("license_admin", "POST", tenant + "/subscriptions", "{\"sku\":\"TEAMS_PHONE\",\"seats\":10}", null);
                send("license_admin", "PUT", tenant + "/users/u1/usage-location", "{\"country\":\"US\"}", null);
                for (String sku : List.of("TEAMS_PHONE", "CALLING_PLAN_PAYG", "COMMUNICATION_CREDITS")) {
                    send("license_admin", "POST", tenant + "/users/u1/licenses", "{\"sku\":\"" + sku + "\"}", null);
                }
            }
        }
        // warm-up, not measured: the JIT compiles the hot paths during the first tens of seconds (about 25 s
        // of compiler threads' CPU time in a cold run), which would otherwise be billed to the measured calls
        String run = Long.toString(System.currentTimeMillis(), 36);
        double warmupSeconds = Double.parseDouble(System.getProperty("bench.warmup-seconds", "30"));
        warmUp(base, tenants, concurrency, run, warmupSeconds);
        String cpuFile = System.getProperty("bench.app-cpu-file");
        long cpuBefore = appCpuTicks(cpuFile);
        long[] authorizeNanos = new long[calls];
        long[] completeNanos = new long[calls];
        long[] authorizeTrips = new long[calls];
        long[] completeTrips = new long[calls];
        AtomicLong failures = new AtomicLong();
        long start = System.nanoTime();
        inParallel(concurrency, i -> {
            if (i >= calls) {
                return false;
            }
            if (rate > 0) { // open loop: call i starts at start + i / rate
                long wait = start + (long) (i * 1e9 / rate) - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
            }
            long[] a = new long[2];
            long[] c = new long[2];
            if (!call(base, "bench-" + (i % tenants), run + "-" + i, a, c)) {
                failures.incrementAndGet();
            }
            authorizeNanos[i] = a[0];
            completeNanos[i] = c[0];
            authorizeTrips[i] = a[1];
            completeTrips[i] = c[1];
            return true;
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        long cpuTicks = appCpuTicks(cpuFile) - cpuBefore;
        System.out.printf("calls=%d tenants=%d concurrency=%d rateLimit=%s failures=%d seconds=%.1f%n", calls, tenants,
                concurrency, rate > 0 ? rate + "/s" : "none", failures.get(), seconds);
        System.out.printf("completed calls per second: %.1f%n", calls / seconds);
        System.out.printf("authorize p50 %.1f ms, p99 %.1f ms%n", percentile(authorizeNanos, 50), percentile(authorizeNanos, 99));
        System.out.printf("complete  p50 %.1f ms, p99 %.1f ms%n", percentile(completeNanos, 50), percentile(completeNanos, 99));
        printRoundTrips("authorize", authorizeTrips);
        printRoundTrips("complete", completeTrips);
        if (cpuFile != null) { // /proc/<pid>/stat counts in clock ticks of 10 ms
            System.out.printf("application CPU: %.1f s, %.2f ms per completed call (%.0f%% of one core)%n",
                    cpuTicks / 100.0, cpuTicks * 10.0 / calls, cpuTicks / 100.0 / seconds * 100);
        }
        int floorRequests = Integer.parseInt(System.getProperty("bench.floor-requests", "0"));
        if (floorRequests > 0) { // a floor of its own warm-up first: the JIT has not compiled this path yet
            floor(base, concurrency, floorRequests, cpuFile);
        }
        double floorRate = floor(base, concurrency, Math.max(2000, Math.max(calls, floorRequests)), cpuFile);
        System.out.printf("calls/s ÷ (http floor ÷ 2): %.2f (target >= 0.8)%n", calls / seconds / (floorRate / 2));
        int batches = Integer.parseInt(System.getProperty("bench.batches", "20"));
        double[] batch = {0, 0};
        if (batches > 0) {
            batch = batchImport(base, tenants, concurrency, run, batches, 500, cpuFile);
        }
        System.out.printf("RESULT floor_requests_per_second=%.0f batch_records_per_second=%.0f batch_events_per_second=%.0f%n",
                floorRate, batch[0], batch[1]);
        System.out.printf("RESULT calls_per_second=%.1f authorize_p50_ms=%.1f authorize_p99_ms=%.1f complete_p50_ms=%.1f complete_p99_ms=%.1f%n",
                calls / seconds, percentile(authorizeNanos, 50), percentile(authorizeNanos, 99),
                percentile(completeNanos, 50), percentile(completeNanos, 99));
    }

    private static void warmUp(String base, int tenants, int concurrency, String run, double seconds) throws Exception {
        long until = System.nanoTime() + (long) (seconds * 1e9);
        AtomicInteger made = new AtomicInteger();
        inParallel(concurrency, i -> {
            if (System.nanoTime() >= until) {
                return false;
            }
            call(base, "bench-" + (i % tenants), "w" + run + "-" + i, new long[2], new long[2]);
            made.incrementAndGet();
            return true;
        });
        System.out.printf("warm-up: %d calls in %.0f s%n", made.get(), seconds);
    }

    /**
     * Runs {@code work} on {@code concurrency} threads; each thread takes the next index (0, 1, 2, ... shared by
     * all threads) until {@code work} answers false for it. Returns when every thread has stopped.
     */
    private static void inParallel(int concurrency, IntPredicate work) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(concurrency);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            done.add(workers.submit(() -> {
                while (work.test(next.getAndIncrement())) {
                    // the next index
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        workers.shutdown();
    }

    /**
     * The HTTP floor: an authenticated GET that touches no database ({@code /api/test-clock}) at the same
     * concurrency. A call is two requests, so half this rate bounds what any call path can reach here.
     */
    private static double floor(String base, int concurrency, int requests, String cpuFile) throws Exception {
        long cpuBefore = appCpuTicks(cpuFile);
        long start = System.nanoTime();
        inParallel(concurrency, i -> {
            if (i >= requests) {
                return false;
            }
            send("operator", "GET", base + "/api/test-clock", "", null);
            return true;
        });
        double rate = requests / ((System.nanoTime() - start) / 1e9);
        System.out.printf("http floor: %.0f authenticated GET /api/test-clock per second (%d clients), i.e. at most %.0f calls/s%n",
                rate, concurrency, rate / 2);
        if (cpuFile != null) {
            System.out.printf("http floor application CPU: %.3f ms per request%n", (appCpuTicks(cpuFile) - cpuBefore) * 10.0 / requests);
        }
        return rate;
    }

    /**
     * The same calls rated and charged through {@code POST .../usage} (CDR import), {@code size} records per
     * request, {@code batches} requests over the tenants at the given concurrency: the ledger's rate when
     * the HTTP cost is shared by many calls.
     */
    /** Answers records per second and events appended per second (from the answers' X-Event-Sequence). */
    private static double[] batchImport(String base, int tenants, int concurrency, String run, int batches, int size,
                                        String cpuFile) throws Exception {
        long firstSequence = LAST_SEQUENCE.get();
        long cpuBefore = appCpuTicks(cpuFile);
        AtomicLong recorded = new AtomicLong();
        AtomicLong trips = new AtomicLong();
        long start = System.nanoTime();
        inParallel(concurrency, b -> {
            if (b >= batches) {
                return false;
            }
            StringBuilder body = new StringBuilder("[");
            for (int r = 0; r < size; r++) {
                body.append(r == 0 ? "" : ",").append("{\"callId\":\"b").append(run).append('-').append(b).append('-')
                        .append(r).append("\",\"userId\":\"u1\",\"destination\":\"+12025550100\",")
                        .append("\"callType\":\"OUTBOUND\",\"startedAt\":\"2026-01-15T10:00:00Z\",\"durationSeconds\":95}");
            }
            HttpResponse<String> answer = send("telephony", "POST", base + "/api/tenants/bench-" + (b % tenants) + "/usage",
                    body.append(']').toString(), null);
            if (answer != null && answer.statusCode() == 200) {
                String text = answer.body();
                int at = text.lastIndexOf("\"recorded\":");
                recorded.addAndGet(Long.parseLong(text.substring(at + 11, text.indexOf(',', at)).trim()));
                trips.addAndGet(Math.max(0, roundTrips(answer)));
                noteSequence(answer);
            } else {
                report("usage batch", answer);
            }
            return true;
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("batch import: %d records recorded in %d requests of %d, %.1f s, %.0f calls/s%n",
                recorded.get(), batches, size, seconds, recorded.get() / seconds);
        if (cpuFile != null) { // the projections' share included: they follow the import in the same JVM
            System.out.printf("batch import application CPU: %.3f ms per record (while the requests ran)%n",
                    (appCpuTicks(cpuFile) - cpuBefore) * 10.0 / Math.max(1, recorded.get()));
        }
        long events = LAST_SEQUENCE.get() - firstSequence;
        System.out.printf("batch import events appended: %d, %.2f per record, %.0f per second%n", events,
                events / (double) Math.max(1, recorded.get()), events / seconds);
        if (trips.get() > 0) {
            System.out.printf("batch import round trips: %.1f per request of %d records, %.2f per record%n",
                    trips.get() / (double) batches, size, trips.get() / (double) Math.max(1, recorded.get()));
        }
        return new double[] {recorded.get() / seconds, events / seconds};
    }

    /** The highest X-Event-Sequence answered so far: the global index of the last event appended. */
    private static final AtomicLong LAST_SEQUENCE = new AtomicLong();

    private static void noteSequence(HttpResponse<String> response) {
        if (response != null) {
            response.headers().firstValue("X-Event-Sequence").map(Long::parseLong).ifPresent(v -> LAST_SEQUENCE.accumulateAndGet(v, Math::max));
        }
    }

    /** The ledger's count of its own database round trips for the request, when it is run with the diagnostic on. */
    private static long roundTrips(HttpResponse<String> response) {
        return response == null ? -1 : response.headers().firstValue("X-Db-Round-Trips").map(Long::parseLong).orElse(-1L);
    }

    /** Mean, median and highest round trips per request (ledger.diagnostics.round-trips=true), or a note that none came. */
    private static void printRoundTrips(String what, long[] trips) {
        long[] counted = Arrays.stream(trips).filter(t -> t >= 0).sorted().toArray();
        if (counted.length == 0) {
            System.out.printf("%s round trips: not reported (run the ledger with ledger.diagnostics.round-trips=true)%n", what);
            return;
        }
        System.out.printf("%s round trips per request: mean %.2f, median %d, max %d%n", what,
                Arrays.stream(counted).average().orElse(0), counted[counted.length / 2], counted[counted.length - 1]);
    }

    /** User plus system CPU ticks of the application process, from {@code /proc/<pid>/stat}; 0 when unknown. */
    private static long appCpuTicks(String statFile) {
        if (statFile == null) {
            return 0;
        }
        try {
            String stat = Files.readString(Path.of(statFile));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
        } catch (Exception e) {
            return 0;
        }
    }

    private static boolean call(String base, String tenant, String callId, long[] authorizeNanos, long[] completeNanos) {
        String path = base + "/api/tenants/" + tenant + "/calls/" + callId;
        long t0 = System.nanoTime();
        HttpResponse<String> authorized = send("telephony", "POST", path + "/authorize",
                "{\"userId\":\"u1\",\"destination\":\"+12025550100\",\"callType\":\"OUTBOUND\"}", null);
        long t1 = System.nanoTime();
        authorizeNanos[0] = t1 - t0;
        authorizeNanos[1] = roundTrips(authorized);
        if (authorized == null || authorized.statusCode() != 200 || !authorized.body().contains("\"ALLOW\"")) {
            report("authorize", authorized);
            return false;
        }
        HttpResponse<String> completed = send("telephony", "POST", path + "/complete", "{\"durationSeconds\":95}", null);
        completeNanos[0] = System.nanoTime() - t1;
        completeNanos[1] = roundTrips(completed);
        noteSequence(completed);
        if (completed == null || completed.statusCode() != 200) {
            report("complete", completed);
            return false;
        }
        return true;
    }

    private static final AtomicInteger REPORTED = new AtomicInteger();

    private static void report(String what, HttpResponse<String> response) {
        if (REPORTED.incrementAndGet() <= 5) {
            System.err.println(what + " failed: " + (response == null ? "no answer" : response.statusCode() + " " + response.body()));
        }
    }

    private static double percentile(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(index, 0)] / 1e6;
    }

    private static void check(HttpResponse<String> response, String what) {
        if (response == null || response.statusCode() >= 300) {
            throw new IllegalStateException(what + " failed: " + (response == null ? "no answer" : response.body()));
        }
    }

    private static HttpResponse<String> send(String user, String method, String url, String body, String contentType) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user)
                        .getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", contentType == null ? "application/json" : contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            return null;
        }
    }
}
