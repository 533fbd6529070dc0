package org.commcredits.ledger.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The fault harness of issue 16 (docs/reliability.md). {@code --short} (the version {@code mvn verify} runs):
 * kill -9 three times, two command sides, a 8 s database outage. {@code --full} (reliability/run.sh): longer
 * loads, plus a restart of the PostgreSQL server, a query side killed in the middle of a replay batch and the call
 * path's p99 under a password-guessing attack.
 * {@code --rounds N} repeats the whole set. Prints one line of figures per scenario; exits 1 on any violation.
 */
public final class FaultHarness {

    private FaultHarness() {
    }

    public static void main(String[] args) throws Exception {
        boolean full = List.of(args).contains("--full");
        int rounds = 1;
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--rounds")) {
                rounds = Integer.parseInt(args[i + 1]);
            }
        }
        if (List.of(args).contains("--attack-only")) {
            Path repo = Path.of(System.getProperty("reliability.repo", ".")).toAbsolutePath().normalize();
            Path logs = repo.resolve("reliability/target/harness-logs");
            Files.createDirectories(logs);
            Scenarios.Result result = report(new Scenarios(repo, System.getProperty("reliability.version", "0.1.0-SNAPSHOT"), logs)
                    .underAttack(20_000));
            result.violations().forEach(violation -> System.out.println("VIOLATION " + result.scenario() + ": " + violation));
            System.exit(result.passed() ? 0 : 1);
        }
        Path repo = Path.of(System.getProperty("reliability.repo", ".")).toAbsolutePath().normalize();
        String version = System.getProperty("reliability.version", "0.1.0-SNAPSHOT");
        List<Scenarios.Result> results = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            System.out.println("== round " + round + " of " + rounds + (full ? " (full)" : " (short)"));
            results.addAll(run(full, repo, version));
        }
        results.forEach(result -> System.out.println(line(result)));
        boolean passed = results.stream().allMatch(Scenarios.Result::passed);
        results.stream().filter(result -> !result.passed()).forEach(result ->
                result.violations().forEach(violation -> System.out.println("VIOLATION " + result.scenario() + ": " + violation)));
        System.out.println(passed ? "HARNESS PASSED" : "HARNESS FAILED");
        System.exit(passed ? 0 : 1);
    }

    static List<Scenarios.Result> run(boolean full, Path repo, String version) throws Exception {
        Path logs = repo.resolve("reliability/target/harness-logs");
        Files.createDirectories(logs);
        Scenarios scenarios = new Scenarios(repo, version, logs);
        List<Scenarios.Result> results = new ArrayList<>();
        results.add(report(scenarios.killNine(3, full ? 8_000 : 3_000)));
        results.add(report(scenarios.twoCommandSides(full ? 20_000 : 6_000)));
        results.add(report(scenarios.databaseOutage(false, full ? 40_000 : 8_000)));
        if (full) {
            results.add(report(scenarios.databaseOutage(true, 0)));
            results.add(report(scenarios.queryKilled(6_000)));
            results.add(report(scenarios.underAttack(20_000)));
        }
        return results;
    }

    private static Scenarios.Result report(Scenarios.Result result) {
        System.out.println(line(result));
        return result;
    }

    static String line(Scenarios.Result r) {
        return String.format(Locale.ROOT, "%-28s requests=%d acknowledged=%d lost=%d doubled=%d 5xx=%d 503=%d no-answer=%d "
                        + "recovery=%.1fs took=%.0fs %s", r.scenario(), r.requests(), r.acknowledged(), r.lost(), r.doubled(),
                r.internalErrors(), r.unavailable(), r.noAnswer(), r.recoverySeconds(), r.seconds(), r.passed() ? "PASS" : "FAIL");
    }
}
