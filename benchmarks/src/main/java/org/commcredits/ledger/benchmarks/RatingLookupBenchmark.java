package org.commcredits.ledger.benchmarks;

import org.commcredits.ledger.api.rating.Rate;
import org.commcredits.ledger.command.rating.PrefixTrie;
import org.commcredits.ledger.command.rating.RatingTable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Rating's hot path: the longest-prefix lookup of a destination among {@code prefixes} rate rows (each
 * prefix with two effective dates, so the date pick is exercised too), on one thread. Target: at least
 * 1,000,000 lookups per second with 50,000 prefixes. Run: {@code benchmarks/run-jmh.sh} (docs/benchmarks.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
public class RatingLookupBenchmark {

    private static final String[] COUNTRY_CODES = {"1", "44", "49", "33", "34", "39", "31", "32", "41", "43", "45",
            "46", "47", "353", "358", "61", "64", "65", "81", "86", "91", "52", "55", "27", "971"};

    @Param("50000")
    public int prefixes;

    private RatingTable table;
    private String[] numbers;
    private int next;
    private final Instant at = Instant.parse("2026-11-25T10:00:00Z");

    @Setup
    public void setUp() {
        Random random = new Random(42);
        Set<String> chosen = new HashSet<>();
        while (chosen.size() < prefixes) {
            String cc = COUNTRY_CODES[random.nextInt(COUNTRY_CODES.length)];
            StringBuilder prefix = new StringBuilder(cc);
            int extra = 1 + random.nextInt(6);
            for (int i = 0; i < extra; i++) {
                prefix.append(random.nextInt(10));
            }
            chosen.add(prefix.toString());
        }
        List<PrefixTrie.Entry> entries = new ArrayList<>();
        long order = 0;
        for (String prefix : chosen) {
            entries.add(new PrefixTrie.Entry(new Rate("bench", 1, prefix, "d", "USD", 200, 0,
                    Instant.parse("2020-01-01T00:00:00Z")), order++));
            entries.add(new PrefixTrie.Entry(new Rate("bench", 1, prefix, "d", "USD", 250, 0,
                    Instant.parse("2027-01-01T00:00:00Z")), order++));
        }
        table = RatingTable.of(entries);
        numbers = new String[1 << 16];
        List<String> list = new ArrayList<>(chosen);
        for (int i = 0; i < numbers.length; i++) {
            StringBuilder number = new StringBuilder(list.get(random.nextInt(list.size())));
            while (number.length() < 12) {
                number.append(random.nextInt(10));
            }
            numbers[i] = number.toString();
        }
    }

    @Benchmark
    public Rate lookup() {
        String number = numbers[next++ & (numbers.length - 1)];
        return table.find("USD", number, at);
    }
}
