package org.commcredits.ledger.apps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.commcredits.ledger.platform.testing.H2TestDatabase;
import org.commcredits.ledger.platform.testing.LedgerHttp;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * INV-IN-05 (and INV-API-09): hostile input on every JSON command path, generated. For each path a valid body
 * from the contract is mutated by a jqwik generator: duplicate keys, deep nesting, type swaps, Unicode and
 * control characters, huge and over-precise numbers, money spelled other ways, instants outside 2000-9999,
 * truncation, a second document, unknown, renamed and missing fields, wrong shapes, hostile tenant ids in
 * the path, bodies over 1 MiB. Every answer is below 500; every 4xx is {@code application/problem+json} with
 * a code and stores no event (the whole event store is counted before and after: with the due-work sweeper
 * off and the tenant's first-funding work settled, nothing else writes). Mutations that break a rule of the
 * contract must be answered with that rule's code ({@link Expect}); the others (a type swap may be valid:
 * {@code enabled:false}) need only be below 500.
 *
 * <p>One ledger on in-memory H2 for the whole class, on its own port, as a real process would run. About
 * 5,000 cases a run, which takes some 30-60 s on two cores; the seed is printed to replay a failure.
 */
class HostileInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TRIES = 5_000;
    private static final int MAX_DEPTH = 64;
    private static final String SLOT = "\u00a7slot\u00a7";
    private static final String DUP = "\u00a7dup\u00a7";
    private static final Set<String> MONEY_FIELDS = Set.of("amount", "threshold", "monthlyLimit");
    private static final Set<String> INSTANT_FIELDS = Set.of("startedAt", "endedAt");

    private static RunningLedger ledger;
    private static LedgerHttp http;
    private static JdbcTemplate jdbc;
    private static String tenant;
    private static List<Target> targets;
    private static final Map<Target, Arbitrary<Case>> CASES = new HashMap<>();
    /** Per kind of mutation: cases, answered 2xx, 4xx, 5xx. */
    private static final Map<String, int[]> TALLY = new TreeMap<>();
    private static final AtomicInteger SERVER_ERRORS = new AtomicInteger();

    /** What a mutated body must be answered with. */
    enum Expect {
        /** Anything below 500 (the mutation may still be a valid request). */
        BELOW_500(0, null),
        /** Some 4xx problem. */
        REJECTED(0, null),
        INVALID_REQUEST(400, "INVALID_REQUEST"),
        INVALID_AMOUNT(400, "INVALID_AMOUNT"),
        /** 400, or on a per-item path the item {@code REJECTED} with this code. */
        INVALID_INSTANT(400, "INVALID_INSTANT"),
        PAYLOAD_TOO_LARGE(413, "PAYLOAD_TOO_LARGE");

        final int status;
        final String code;

        Expect(int status, String code) {
            this.status = status;
            this.code = code;
        }
    }

    /**
     * A command path and a valid body from the contract; {@code doneCount} names the answer field that counts
     * the items done on a per-item path (null elsewhere).
     */
    record Target(String method, String path, String validBody, String doneCount) {
        boolean perItem() {
            return doneCount != null;
        }
    }

    record Case(Target target, String kind, String path, String body, Expect expect) {
        @Override
        public String toString() {
            return kind + ": " + target.method() + " " + path + " " + abbreviate(body) + " expecting " + expect;
        }
    }

    /** A value inside the body: where it is, the nearest field name, and how many containers enclose it. */
    record Slot(List<Object> at, String field, JsonNode value, int depth) {
    }

    @BeforeContainer
    static void startLedger() {
        ledger = RunningLedger.start(StandaloneApplication.class, H2TestDatabase.memoryUrl("hostile"), "sa",
                // No background writer, so that the event count before and after a request is that request's.
                "ledger.due-work.sweep-interval-ms=86400000",
                "logging.level.org.commcredits=WARN");
        http = ledger.http();
        jdbc = ledger.bean(JdbcTemplate.class);
        tenant = FundedTenants.open(http, "hostile-" + UUID.randomUUID().toString().substring(0, 8));
        FundedTenants.fund(http, tenant, "1000.00", null);
        settle(); // the first funding grants Communication Credits seats through a tracking processor
        targets = targets(tenant);
    }

    @AfterContainer
    static void report() {
        int total = TALLY.values().stream().mapToInt(t -> t[0]).sum();
        StringBuilder lines = new StringBuilder();
        TALLY.forEach((kind, t) -> lines.append(String.format("  %-28s %5d cases: %5d 2xx, %5d 4xx, %d 5xx%n",
                kind, t[0], t[1], t[2], t[3])));
        System.out.printf("%nHostile input: %d cases tried, %d answered 5xx%n%s", total, SERVER_ERRORS.get(), lines);
        if (ledger != null) {
            ledger.close();
        }
        assertThat(SERVER_ERRORS.get()).as("answers 5xx").isZero();
        assertThat(total).as("cases a run").isGreaterThanOrEqualTo(TRIES);
    }

    private static List<Target> targets(String tenant) {
        String t = "/api/tenants/" + tenant;
        return List.of(
                new Target("POST", t + "/credit-account", "{\"currency\":\"USD\",\"billingAgreement\":\"DIRECT\"}", null),
                new Target("POST", t + "/credit-account/funds", "{\"amount\":\"100.00\"}", null),
                new Target("PUT", t + "/credit-account/auto-recharge", "{\"enabled\":true,\"threshold\":\"20.00\",\"amount\":\"50.00\"}", null),
                new Target("PUT", t + "/credit-account/payment-method", "{\"type\":\"CARD\",\"token\":\"pm_card_visa\"}", null),
                new Target("PUT", t + "/credit-account/billing-agreement", "{\"billingAgreement\":\"DIRECT\"}", null),
                new Target("POST", t + "/credit-account/grants", "{\"amount\":\"10.00\",\"reason\":\"outage\"}", null),
                new Target("POST", t + "/credit-account/tranches/hostile-tranche/refund", "{\"reason\":\"bought twice\"}", null),
                new Target("POST", t + "/subscriptions", "{\"sku\":\"CALLING_PLAN_DOMESTIC\",\"seats\":10}", null),
                new Target("PUT", t + "/subscriptions/CALLING_PLAN_DOMESTIC", "{\"seats\":5}", null),
                new Target("PUT", t + "/users/hostile-user/usage-location", "{\"country\":\"US\"}", null),
                new Target("POST", t + "/users/hostile-user/licenses", "{\"sku\":\"TEAMS_PHONE\"}", null),
                new Target("POST", t + "/licenses/bulk-assign", "{\"sku\":\"TEAMS_PHONE\",\"userIds\":[\"a\",\"b\"]}", "assigned"),
                new Target("POST", t + "/licenses/bulk-usage-location", "{\"country\":\"US\",\"userIds\":[\"a\",\"b\"]}", "set"),
                new Target("PUT", t + "/users/hostile-user/spend-limit", "{\"monthlyLimit\":\"20.00\"}", null),
                new Target("PUT", t + "/pool-settings", "{\"timeZone\":\"America/New_York\"}", null),
                new Target("POST", t + "/webhooks", "{\"url\":\"http://127.0.0.1:9/hooks\",\"eventTypes\":[\"funds.added\",\"balance.low\"],"
                        + "\"description\":\"billing sync\"}", null),
                new Target("PUT", t + "/dial-out-policy", "{\"pstn\":\"DOMESTIC_ONLY\",\"conference\":\"ZONE_A\"}", null),
                new Target("PUT", t + "/users/hostile-user/dial-out-policy", "{\"pstn\":\"NONE\",\"conference\":null}", null),
                new Target("POST", t + "/calls/hostile-call/authorize",
                        "{\"userId\":\"hostile-user\",\"destination\":\"+442071234567\",\"callType\":\"OUTBOUND\"}", null),
                new Target("POST", t + "/calls/hostile-call/complete", "{\"durationSeconds\":125,\"endedAt\":\"2026-11-01T10:02:05Z\"}", null),
                new Target("POST", t + "/usage", "[{\"callId\":\"h1\",\"userId\":\"hostile-user\",\"destination\":\"+442071234567\","
                        + "\"callType\":\"OUTBOUND\",\"startedAt\":\"2026-11-01T10:00:00Z\",\"durationSeconds\":60}]", "recorded"),
                new Target("POST", "/api/test-clock", "{\"advanceBy\":\"PT1S\"}", null));
    }

    // ------------------------------------------------------------------ the property

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF) // every try changes the ledger's state; shrinking would not replay
    @Label("INV-IN-05: a mutated body on any command path is never answered 5xx, and a rejected one stores no event")
    void hostileBodies(@ForAll("cases") Case hostile) {
        check(hostile);
    }

    @Provide
    Arbitrary<Case> cases() {
        return Arbitraries.of(targets).flatMap(target -> CASES.computeIfAbsent(target, HostileInputTest::casesFor));
    }

    private static Arbitrary<Case> casesFor(Target target) {
        JsonNode valid = parse(target.validBody());
        List<Slot> slots = new ArrayList<>();
        collect(valid, new ArrayList<>(), null, 0, slots);
        List<Slot> strings = slots.stream().filter(s -> s.value().isTextual()).toList();
        List<Slot> money = slots.stream().filter(s -> s.field() != null && MONEY_FIELDS.contains(s.field()) && s.value().isTextual()).toList();
        List<Slot> instants = slots.stream().filter(s -> s.field() != null && INSTANT_FIELDS.contains(s.field())).toList();
        List<Slot> objects = new ArrayList<>(slots.stream().filter(s -> s.value().isObject()).toList());
        if (valid.isObject()) {
            objects.add(new Slot(List.of(), null, valid, 0));
        }
        List<Slot> fields = slots.stream().filter(s -> s.at().get(s.at().size() - 1) instanceof String).toList();

        List<Tuple.Tuple2<Integer, Arbitrary<Case>>> kinds = new ArrayList<>();
        kinds.add(Tuple.of(12, typeSwaps(target, valid, slots)));
        if (!strings.isEmpty()) {
            kinds.add(Tuple.of(10, unicode(target, valid, strings)));
        }
        kinds.add(Tuple.of(6, rawControlCharacters(target, valid, strings)));
        kinds.add(Tuple.of(10, numbers(target, valid, slots)));
        kinds.add(Tuple.of(10, duplicateKeys(target, valid, objects)));
        kinds.add(Tuple.of(10, deepNesting(target, valid, slots)));
        kinds.add(Tuple.of(8, truncations(target)));
        kinds.add(Tuple.of(6, secondDocuments(target)));
        kinds.add(Tuple.of(4, removedFields(target, valid, fields)));
        kinds.add(Tuple.of(4, unknownFields(target, valid, objects)));
        kinds.add(Tuple.of(4, renamedFields(target, valid, fields)));
        kinds.add(Tuple.of(3, wrongShapes(target)));
        kinds.add(Tuple.of(1, oversized(target)));
        if (!money.isEmpty()) {
            kinds.add(Tuple.of(10, moneySpellings(target, valid, money)));
        }
        if (!instants.isEmpty()) {
            kinds.add(Tuple.of(8, instantsOutOfRange(target, valid, instants)));
        }
        if (target.path().startsWith("/api/tenants/")) {
            kinds.add(Tuple.of(3, hostileTenantIds(target)));
        }
        return Arbitraries.frequencyOf(kinds);
    }

    // ------------------------------------------------------------------ the mutations

    private static final List<String> OTHER_TYPES = List.of("null", "true", "false", "0", "-1", "1.5", "-0", "1e400",
            "12345678901234567890123", "\"\"", "\"   \"", "{}", "{\"x\":1}", "[]", "[1]", "[\"50.00\"]", "[null]",
            "\"NOT_A_REAL_VALUE\"", "\"direct\"", "\"'; DROP TABLE domain_event_entry; --\"", "\"../../etc/passwd\"",
            "\"" + "9".repeat(100_000) + "\"");

    private static Arbitrary<Case> typeSwaps(Target target, JsonNode valid, List<Slot> slots) {
        return Combinators.combine(Arbitraries.of(slots), Arbitraries.of(OTHER_TYPES))
                .as((slot, raw) -> new Case(target, "type swap", target.path(), replace(valid, slot, raw), Expect.BELOW_500));
    }

    /** Fragments valid inside a JSON string literal: escapes (lone surrogates among them) and raw characters. */
    private static final List<String> PIECES = List.of("\\u0000", "\\u0001", "\\u001f", "\\u007f", "\\u0085", "\\u00a0",
            "\\u200b", "\\u200d", "\\u200e", "\\u202e", "\\u2028", "\\u2066", "\\ufeff", "\\ufffd", "\\uffff", "\\ud800",
            "\\udfff", "\\ud83d\\udcb8", "\u202e", "\u200b", "\uff11", "\u0665", "\u0301", "\u00e9", "\ud83d\udcb8", "\\\"",
            "\\\\", "\\n", "\\t", " ", "%00", "\u0130", "\u017f", "\u212a", "\u00df");

    private static Arbitrary<Case> unicode(Target target, JsonNode valid, List<Slot> strings) {
        Arbitrary<String> pieces = Arbitraries.of(PIECES).list().ofMinSize(1).ofMaxSize(4).map(list -> String.join("", list));
        return Combinators.combine(Arbitraries.of(strings), pieces, Arbitraries.doubles().between(0, 1))
                .as((slot, piece, where) -> {
                    String text = slot.value().asText();
                    int at = (int) Math.round(where * text.length());
                    String literal = "\"" + escaped(text.substring(0, at)) + piece + escaped(text.substring(at)) + "\"";
                    return new Case(target, "unicode in a value", target.path(), replace(valid, slot, literal), Expect.BELOW_500);
                });
    }

    /** An unescaped control character is never valid JSON, wherever it stands (outside strings: not \t \n \r). */
    private static Arbitrary<Case> rawControlCharacters(Target target, JsonNode valid, List<Slot> strings) {
        Arbitrary<Character> inString = Arbitraries.chars().range('\u0000', '\u001f');
        Arbitrary<Character> anywhere = Arbitraries.chars().range('\u0000', '\u001f').filter(c -> c != '\t' && c != '\n' && c != '\r');
        if (strings.isEmpty()) {
            return inText(target, anywhere);
        }
        Arbitrary<Case> inValue = Combinators.combine(Arbitraries.of(strings), inString, Arbitraries.doubles().between(0, 1))
                .as((slot, c, where) -> {
                    String text = slot.value().asText();
                    int at = (int) Math.round(where * text.length());
                    String literal = "\"" + escaped(text.substring(0, at)) + c + escaped(text.substring(at)) + "\"";
                    return new Case(target, "raw control character", target.path(), replace(valid, slot, literal),
                            Expect.INVALID_REQUEST);
                });
        return Arbitraries.oneOf(inValue, inText(target, anywhere));
    }

    private static Arbitrary<Case> inText(Target target, Arbitrary<Character> controls) {
        return Combinators.combine(controls, Arbitraries.integers().between(0, target.validBody().length()))
                .as((c, at) -> new Case(target, "raw control character", target.path(),
                        target.validBody().substring(0, at) + c + target.validBody().substring(at), Expect.INVALID_REQUEST));
    }

    /** Numbers JSON allows but no field wants, numbers past the parser's 1,000 digits, and tokens JSON does not allow. */
    private static Arbitrary<Case> numbers(Target target, JsonNode valid, List<Slot> slots) {
        Arbitrary<Tuple.Tuple2<String, Expect>> huge = Arbitraries.integers().between(1, 1_200)
                .map(n -> Tuple.of("9".repeat(n), n > 1_000 ? Expect.INVALID_REQUEST : Expect.BELOW_500));
        Arbitrary<Tuple.Tuple2<String, Expect>> precise = Arbitraries.integers().between(1, 1_200)
                .map(n -> Tuple.of("0." + "1".repeat(n - 1) + "7", n > 999 ? Expect.INVALID_REQUEST : Expect.BELOW_500));
        Arbitrary<Tuple.Tuple2<String, Expect>> exponent = Arbitraries.integers().between(-100_000, 100_000)
                .map(e -> Tuple.of("1e" + e, Expect.BELOW_500));
        Arbitrary<Tuple.Tuple2<String, Expect>> fixed = Arbitraries.of("-0", "-0.0", "1E-400", "-1e400", "9223372036854775808",
                "-9223372036854775809", "125.0", "125.5", "1.0000000000000000000001", "-125").map(n -> Tuple.of(n, Expect.BELOW_500));
        Arbitrary<Tuple.Tuple2<String, Expect>> notJson = Arbitraries.of("00012", "+5", ".5", "5.", "NaN", "Infinity",
                "-Infinity", "0x10", "1_000", "1e", "--1", "1.2.3").map(n -> Tuple.of(n, Expect.INVALID_REQUEST));
        return Combinators.combine(Arbitraries.of(slots), Arbitraries.oneOf(huge, precise, exponent, fixed, notJson))
                .as((slot, number) -> new Case(target, "huge or odd number", target.path(), replace(valid, slot, number.get1()),
                        number.get2()));
    }

    /** INV-IN-03: any other spelling of an amount than the grammar's is INVALID_AMOUNT. */
    private static Arbitrary<Case> moneySpellings(Target target, JsonNode valid, List<Slot> money) {
        Arbitrary<String> leadingZeros = Arbitraries.integers().between(1, 6).map(n -> "0".repeat(n) + "50.00");
        Arbitrary<String> otherDecimals = Arbitraries.of(0, 1, 3, 4, 5, 8)
                .map(n -> n == 0 ? "50" : "50." + "0".repeat(n));
        Arbitrary<String> other = Arbitraries.of("+50.00", "-50.00", "-0.00", "5e1", "5E1", "5000e-2", "50.00e0", " 50.00",
                "50.00 ", "5 0.00", "50,00", "1,000.00", "50.", ".50", "1000000.01", "99999999999999999999.00",
                "\uff15\uff10.\uff10\uff10", "\u0665\u0660.\u0660\u0660", "50.00\u0000", "5\u200b0.00", "0x32", "", "NaN");
        return Combinators.combine(Arbitraries.of(money), Arbitraries.oneOf(leadingZeros, otherDecimals, other))
                .as((slot, spelling) -> new Case(target, "money spelling", target.path(),
                        replace(valid, slot, quoted(spelling)), Expect.INVALID_AMOUNT));
    }

    /** INV-IN-04: instants outside the years 2000-9999, and a few that are not instants at all. */
    private static Arbitrary<Case> instantsOutOfRange(Target target, JsonNode valid, List<Slot> instants) {
        Arbitrary<Integer> years = Arbitraries.oneOf(Arbitraries.integers().between(-999_999_999, 1_999),
                Arbitraries.integers().between(10_000, 999_999_999), Arbitraries.of(1_999, 10_000, 0, -1, 1_970));
        Arbitrary<String> outside = Combinators.combine(years, Arbitraries.integers().between(1, 12), Arbitraries.integers().between(1, 28))
                .as((year, month, day) -> LocalDate.of(year, month, day).atStartOfDay(ZoneOffset.UTC).toInstant().toString());
        Arbitrary<String> fixed = Arbitraries.of("+99999-01-01T00:00:00Z", "1999-12-31T23:59:59.999Z", "+10000-01-01T00:00:00Z",
                "2026-13-01T00:00:00Z", "2026-11-01", "2026-11-01T10:00:00", "yesterday", "");
        return Combinators.combine(Arbitraries.of(instants), Arbitraries.oneOf(outside, fixed))
                .as((slot, instant) -> new Case(target, "instant out of range", target.path(),
                        replace(valid, slot, quoted(instant)), Expect.INVALID_INSTANT));
    }

    /** INV-IN-02: a field named twice, before or after its first value, with the same or another value. */
    private static Arbitrary<Case> duplicateKeys(Target target, JsonNode valid, List<Slot> objects) {
        Arbitrary<String> second = Arbitraries.of("\"-1\"", "\"999.00\"", "null", "1", "\"x\"", "[]", "{}", "\"50.00\"");
        return Combinators.combine(Arbitraries.of(objects), Arbitraries.integers().between(0, 100), second, Arbitraries.of(true, false))
                .as((object, pick, raw, after) -> {
                    List<String> names = fieldNames(object.value());
                    String name = names.get(pick % names.size());
                    String same = raw.equals("\"x\"") ? write(object.value().get(name)) : raw;
                    ObjectNode copy = JSON.createObjectNode();
                    object.value().fields().forEachRemaining(field -> {
                        if (!after && field.getKey().equals(name)) {
                            copy.put(DUP, DUP);
                        }
                        copy.set(field.getKey(), field.getValue());
                        if (after && field.getKey().equals(name)) {
                            copy.put(DUP, DUP);
                        }
                    });
                    String body = replaceNode(valid, object.at(), copy).replace(quoted(DUP) + ":" + quoted(DUP), quoted(name) + ":" + same);
                    return new Case(target, "duplicate key", target.path(), body, Expect.INVALID_REQUEST);
                });
    }

    /** INV-IN-02: nesting past 64 levels is INVALID_REQUEST wherever it starts; up to 64 it is only a wrong type. */
    private static Arbitrary<Case> deepNesting(Target target, JsonNode valid, List<Slot> slots) {
        Arbitrary<Integer> depths = Arbitraries.oneOf(Arbitraries.integers().between(1, 5_000),
                Arbitraries.integers().between(MAX_DEPTH - 4, MAX_DEPTH + 2));
        Arbitrary<Case> inValue = Combinators.combine(Arbitraries.of(slots), depths, Arbitraries.of(true, false))
                .as((slot, depth, arrays) -> new Case(target, "deep nesting", target.path(),
                        replace(valid, slot, nested(depth, arrays)),
                        slot.depth() + depth > MAX_DEPTH ? Expect.INVALID_REQUEST : Expect.BELOW_500));
        Arbitrary<Case> whole = Combinators.combine(depths, Arbitraries.of(true, false))
                .as((depth, arrays) -> new Case(target, "deep nesting", target.path(), nested(depth, arrays),
                        depth > MAX_DEPTH ? Expect.INVALID_REQUEST : Expect.BELOW_500));
        return Arbitraries.oneOf(inValue, whole);
    }

    private static Arbitrary<Case> truncations(Target target) {
        return Arbitraries.integers().between(0, target.validBody().length() - 1)
                .map(n -> new Case(target, "truncation", target.path(), target.validBody().substring(0, n), Expect.INVALID_REQUEST));
    }

    /** INV-IN-02: nothing but whitespace may follow the first document. */
    private static Arbitrary<Case> secondDocuments(Target target) {
        return Arbitraries.of(target.validBody(), " " + target.validBody(), "{}", "[]", "1", "x", "]", "}", ",", "null", "\"\"",
                        ",{\"amount\":\"999.00\"}", "\n" + target.validBody())
                .map(more -> new Case(target, "second document", target.path(), target.validBody() + more, Expect.INVALID_REQUEST));
    }

    private static Arbitrary<Case> removedFields(Target target, JsonNode valid, List<Slot> fields) {
        return Arbitraries.of(fields).map(slot -> {
            JsonNode copy = valid.deepCopy();
            ((ObjectNode) at(copy, slot.at().subList(0, slot.at().size() - 1))).remove(slot.field());
            return new Case(target, "field removed", target.path(), write(copy), Expect.BELOW_500);
        });
    }

    private static Arbitrary<Case> unknownFields(Target target, JsonNode valid, List<Slot> objects) {
        return Combinators.combine(Arbitraries.of(objects), Arbitraries.of("injected", "Amount", "amount ", "__proto__",
                        "constructor", "$where", "", "\u0000"), Arbitraries.of(OTHER_TYPES.subList(0, 12)))
                .as((object, name, raw) -> {
                    ObjectNode copy = ((ObjectNode) object.value()).deepCopy();
                    copy.put(DUP, DUP);
                    String body = replaceNode(valid, object.at(), copy).replace(quoted(DUP) + ":" + quoted(DUP), quoted(name) + ":" + raw);
                    // A name that is already a field ("amount" in an object with amount) would be a duplicate.
                    return new Case(target, "unknown field", target.path(), body, Expect.INVALID_REQUEST);
                });
    }

    /** A field's name with Unicode in it: an unknown field, whatever it looks like. */
    private static Arbitrary<Case> renamedFields(Target target, JsonNode valid, List<Slot> fields) {
        return Combinators.combine(Arbitraries.of(fields), Arbitraries.of(PIECES), Arbitraries.doubles().between(0, 1))
                .as((slot, piece, where) -> {
                    int cut = (int) Math.round(where * slot.field().length());
                    String name = "\"" + slot.field().substring(0, cut) + piece + slot.field().substring(cut) + "\"";
                    List<Object> parentAt = slot.at().subList(0, slot.at().size() - 1);
                    ObjectNode copy = JSON.createObjectNode();
                    at(valid, parentAt).fields().forEachRemaining(field ->
                            copy.set(field.getKey().equals(slot.field()) ? SLOT : field.getKey(), field.getValue()));
                    String body = replaceNode(valid, parentAt, copy).replace(quoted(SLOT) + ":", name + ":");
                    return new Case(target, "renamed field", target.path(), body, Expect.INVALID_REQUEST);
                });
    }

    private static Arbitrary<Case> wrongShapes(Target target) {
        return Arbitraries.of("null", "\"hello\"", "42", "true", "[]", "{}", "[[]]", "[null]", "[{}]", "\"\\u0000\"")
                .map(body -> new Case(target, "wrong shape", target.path(), body, Expect.BELOW_500));
    }

    private static Arbitrary<Case> oversized(Target target) {
        return Arbitraries.integers().between(16, 4_096).map(extra -> new Case(target, "over 1 MiB", target.path(),
                "{\"x\":\"" + "a".repeat(1024 * 1024 + extra) + "\"}", Expect.PAYLOAD_TOO_LARGE));
    }

    /** Tenant ids that are not ids (none may start with '-'), in the path of a valid request. */
    private static Arbitrary<Case> hostileTenantIds(Target target) {
        Arbitrary<String> fixed = Arbitraries.of("-starts-with-dash", "has%20space", "x".repeat(129), "%E2%80%AEevil",
                "semi;colon", "quote%27", "%00nul", "%2e%2e", "a%2Fb", "%F0%9F%92%B8", "%C0%AE");
        Arbitrary<String> generated = Arbitraries.strings().withChars("-%; '\"<>\\\u202e\u200b\u0000\uff11\u00e9\ud83d\udcb8")
                .ofMinLength(1).ofMaxLength(20).map(text -> "-" + URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20"));
        return Arbitraries.oneOf(fixed, generated).map(id -> new Case(target, "hostile tenant id",
                target.path().replaceFirst("^/api/tenants/[^/]+", "/api/tenants/" + id), target.validBody(), Expect.REJECTED));
    }

    // ------------------------------------------------------------------ checking one case

    private static void check(Case hostile) {
        long before = events();
        LedgerHttp.Answer answer = http.send("admin", hostile.target().method(), hostile.path(), hostile.body(), null);
        long after = events();
        tally(hostile.kind(), answer.status());
        String what = hostile + " -> " + answer.status() + " " + abbreviate(answer.body());
        if (answer.status() >= 500) {
            SERVER_ERRORS.incrementAndGet();
        }
        assertThat(answer.status()).as(what).isLessThan(500);
        if (answer.status() >= 400) {
            assertThat(answer.header("Content-Type")).as(what).startsWith("application/problem+json");
            assertThat(answer.code()).as(what).isNotBlank();
            assertThat(after).as("INV-API-02: no event from a rejected request: " + what).isEqualTo(before);
        }
        Expect expect = hostile.expect();
        if (expect == Expect.REJECTED) {
            assertThat(answer.status()).as(what).isBetween(400, 499);
        } else if (expect == Expect.INVALID_INSTANT && hostile.target().perItem()) {
            assertThat(answer.status()).as(what).isEqualTo(200);
            assertThat(answer.json().get("items").get(0).get("code").asText()).as(what).isEqualTo(expect.code);
        } else if (expect.code != null) {
            assertThat(answer.status()).as(what).isEqualTo(expect.status);
            assertThat(answer.code()).as(what).isEqualTo(expect.code);
        }
        if (hostile.target().perItem() && answer.status() == 200 && answer.json().get(hostile.target().doneCount()).asInt() == 0) {
            assertThat(after).as("no event when no item was done: " + what).isEqualTo(before);
        }
    }

    private static long events() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    /** Waits until no event has been stored for a second (at most 15 s). */
    private static void settle() {
        long deadline = System.currentTimeMillis() + 15_000;
        long last = -1;
        while (System.currentTimeMillis() < deadline) {
            long now = events();
            if (now == last) {
                return;
            }
            last = now;
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static synchronized void tally(String kind, int status) {
        int[] counts = TALLY.computeIfAbsent(kind, k -> new int[4]);
        counts[0]++;
        counts[status >= 500 ? 3 : status >= 400 ? 2 : 1]++;
    }

    // ------------------------------------------------------------------ the issue's own examples, as they were reported

    @Example
    @Label("INV-IN-02: {\"amount\":\"50.00\",\"amount\":\"-1\"} is 400 INVALID_REQUEST naming the field (it was a 500)")
    void cannotNameAFieldTwice() {
        LedgerHttp.Answer answer = expectNoEvent(() -> http.post("billing_admin", "/api/tenants/" + tenant + "/credit-account/funds",
                "{\"amount\":\"50.00\",\"amount\":\"-1\"}"));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("INVALID_REQUEST");
        assertThat(answer.json().get("detail").asText()).isEqualTo("Field 'amount' appears more than once");
    }

    @Example
    @Label("INV-IN-02: {\"amount\":\"50.00\"}{\"amount\":\"999.00\"} is 400 INVALID_REQUEST (it was accepted as 50.00)")
    void cannotSendASecondDocument() {
        LedgerHttp.Answer answer = expectNoEvent(() -> http.post("billing_admin", "/api/tenants/" + tenant + "/credit-account/funds",
                "{\"amount\":\"50.00\"}{\"amount\":\"999.00\"}"));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("INVALID_REQUEST");
        assertThat(answer.json().get("detail").asText()).contains("exactly one JSON document");
    }

    @Example
    @Label("INV-IN-02: 64 levels are a wrong type, 65 levels are 400 INVALID_REQUEST")
    void cannotNestDeeperThan64Levels() {
        String path = "/api/tenants/" + tenant + "/licenses/bulk-assign";
        LedgerHttp.Answer at64 = expectNoEvent(() -> http.post("license_admin", path,
                "{\"sku\":\"TEAMS_PHONE\",\"userIds\":" + nested(63, true) + "}"));
        assertThat(at64.status()).isEqualTo(400);
        assertThat(at64.json().get("detail").asText()).doesNotContain("deeper");
        LedgerHttp.Answer at65 = expectNoEvent(() -> http.post("license_admin", path,
                "{\"sku\":\"TEAMS_PHONE\",\"userIds\":" + nested(64, true) + "}"));
        assertThat(at65.status()).isEqualTo(400);
        assertThat(at65.code()).isEqualTo("INVALID_REQUEST");
        assertThat(at65.json().get("detail").asText()).isEqualTo("The body nests deeper than 64 levels");
    }

    @Example
    @Label("INV-IN-04: endedAt +99999-01-01T00:00:00Z is 400 INVALID_INSTANT, a usage record started in 1999 is REJECTED")
    void cannotSendInstantsOutsideTheYears2000To9999() {
        LedgerHttp.Answer far = expectNoEvent(() -> http.post("telephony", "/api/tenants/" + tenant + "/calls/far-call/complete",
                "{\"durationSeconds\":60,\"endedAt\":\"+99999-01-01T00:00:00Z\"}"));
        assertThat(far.status()).isEqualTo(400);
        assertThat(far.code()).isEqualTo("INVALID_INSTANT");
        assertThat(far.json().get("detail").asText()).contains("2000 to 9999");
        long before = events();
        LedgerHttp.Answer old = http.post("telephony", "/api/tenants/" + tenant + "/usage",
                "[{\"callId\":\"old-call\",\"userId\":\"hostile-user\",\"destination\":\"+442071234567\",\"callType\":\"OUTBOUND\","
                        + "\"startedAt\":\"1999-12-31T23:59:59Z\",\"durationSeconds\":60}]");
        assertThat(old.status()).as(old.body()).isEqualTo(200);
        assertThat(events()).as("INV-API-02: no event from a rejected record").isEqualTo(before);
        assertThat(old.json().get("items").get(0).get("status").asText()).isEqualTo("REJECTED");
        assertThat(old.json().get("items").get(0).get("code").asText()).isEqualTo("INVALID_INSTANT");
    }

    @Example
    @Label("INV-IN-03: canFundWithTheGrammarsSpelling, cannotFundWithAnyOther (\"00050.00\", \"50\", \"50.0\" were accepted)")
    void moneyGrammarBothSides() {
        String funds = "/api/tenants/" + tenant + "/credit-account/funds";
        for (String spelling : List.of("00050.00", "50", "50.0", "50.000", "+50.00", "5e1", " 50.00", "50.00 ")) {
            LedgerHttp.Answer answer = expectNoEvent(() -> http.post("billing_admin", funds, "{\"amount\":" + quoted(spelling) + "}"));
            assertThat(answer.status()).as(spelling).isEqualTo(400);
            assertThat(answer.code()).as(spelling).isEqualTo("INVALID_AMOUNT");
        }
        LedgerHttp.Answer good = http.post("billing_admin", funds, "{\"amount\":\"50.00\"}");
        assertThat(good.status()).as(good.body()).isEqualTo(201);
        assertThat(good.json().get("amount").asText()).isEqualTo("50.00");
        String limit = "/api/tenants/" + tenant + "/users/grammar-user/spend-limit";
        assertThat(expectNoEvent(() -> http.put("billing_admin", limit, "{\"monthlyLimit\":\"20\"}")).code()).isEqualTo("INVALID_AMOUNT");
        LedgerHttp.Answer set = http.put("billing_admin", limit, "{\"monthlyLimit\":\"0.00\"}");
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.json().get("monthlyLimit").asText()).isEqualTo("0.00");
    }

    @Example
    @Label("INV-IN-01: a rate card dated 2020-01-01 with prefixes with and without + is accepted (it was rejected whole)")
    void canUploadARateCardAsPriceSheetsWriteIt() {
        LedgerHttp.Answer answer = http.sendRaw("rates_admin", "PUT", "/api/rate-cards/dated-" + UUID.randomUUID().toString().substring(0, 8),
                "text/csv", "prefix,destination,perMinute,connectionFee,currency,effectiveFrom\n"
                        + "44,United Kingdom,0.0200,0.0000,USD,2020-01-01\n+33,France,0.0300,0.0000,USD,2020-01-01T00:00:00Z\n");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().get("count").asInt()).isEqualTo(2);
    }

    private static LedgerHttp.Answer expectNoEvent(java.util.function.Supplier<LedgerHttp.Answer> request) {
        long before = events();
        LedgerHttp.Answer answer = request.get();
        assertThat(answer.status()).as(answer.body()).isBetween(400, 499);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(events()).as("INV-API-02: no event from a rejected request").isEqualTo(before);
        return answer;
    }

    // ------------------------------------------------------------------ JSON helpers

    private static void collect(JsonNode node, List<Object> at, String field, int depth, List<Slot> out) {
        if (node.isObject()) {
            for (String name : fieldNames(node)) {
                List<Object> child = append(at, name);
                out.add(new Slot(child, name, node.get(name), depth + 1));
                collect(node.get(name), child, name, depth + 1, out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                List<Object> child = append(at, i);
                out.add(new Slot(child, field, node.get(i), depth + 1));
                collect(node.get(i), child, field, depth + 1, out);
            }
        }
    }

    private static List<Object> append(List<Object> at, Object step) {
        List<Object> longer = new ArrayList<>(at);
        longer.add(step);
        return List.copyOf(longer);
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        Iterator<String> it = object.fieldNames();
        it.forEachRemaining(names::add);
        return names;
    }

    private static JsonNode at(JsonNode root, List<Object> path) {
        JsonNode node = root;
        for (Object step : path) {
            node = step instanceof String name ? node.get(name) : node.get((Integer) step);
        }
        return node;
    }

    /** The valid body with the value at {@code slot} replaced by raw JSON text (which may be anything). */
    private static String replace(JsonNode valid, Slot slot, String raw) {
        return replaceNode(valid, slot.at(), TextNode.valueOf(SLOT)).replace(quoted(SLOT), raw);
    }

    private static String replaceNode(JsonNode valid, List<Object> path, JsonNode replacement) {
        if (path.isEmpty()) {
            return write(replacement);
        }
        JsonNode copy = valid.deepCopy();
        JsonNode parent = at(copy, path.subList(0, path.size() - 1));
        Object last = path.get(path.size() - 1);
        if (last instanceof String name) {
            ((ObjectNode) parent).set(name, replacement);
        } else {
            ((ArrayNode) parent).set((Integer) last, replacement);
        }
        return write(copy);
    }

    private static String nested(int depth, boolean arrays) {
        return arrays ? "[".repeat(depth) + "]".repeat(depth) : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String quoted(String text) {
        return write(TextNode.valueOf(text));
    }

    private static String escaped(String text) {
        String quoted = quoted(text);
        return quoted.substring(1, quoted.length() - 1);
    }

    private static String abbreviate(String text) {
        return text == null || text.length() < 300 ? text : text.substring(0, 300) + "...(" + text.length() + " chars)";
    }
}
