package org.commcredits.ledger.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

/** INV-IN-02: the document rules of a JSON body, on the mapper the HTTP edge is configured with. */
class WellFormedJsonBodiesTest {

    private static final ObjectMapper HTTP_MAPPER = httpMapper();
    private static final WellFormedJsonBodies BODIES = new WellFormedJsonBodies(HTTP_MAPPER);

    private static ObjectMapper httpMapper() {
        Jackson2ObjectMapperBuilder builder = new Jackson2ObjectMapperBuilder();
        HttpJsonConfiguration configuration = new HttpJsonConfiguration();
        configuration.strictScalars().customize(builder);
        configuration.oneDocumentNoDuplicatesBoundedDepth().customize(builder);
        return builder.build();
    }

    private static String detail(String body) {
        Throwable failure = catchThrowable(() -> BODIES.check(body.getBytes(StandardCharsets.UTF_8)));
        assertThat(failure).as(body).isNotNull();
        return JsonRules.broken(failure).orElse("(no rule named)");
    }

    @ParameterizedTest
    @DisplayName("INV-IN-02: canReadOneWellFormedDocument, nested up to 64 levels, with each field once per object")
    @ValueSource(strings = {"{\"amount\":\"50.00\"}", "  {\"a\":1,\"b\":{\"a\":2}}\n\t ", "[{\"a\":1},{\"a\":2}]", "null", "42"})
    void canReadOneWellFormedDocument(String body) {
        assertThatCode(() -> BODIES.check(body.getBytes(StandardCharsets.UTF_8))).doesNotThrowAnyException();
        String deepest = "[".repeat(64) + "]".repeat(64);
        assertThatCode(() -> BODIES.check(deepest.getBytes(StandardCharsets.UTF_8))).doesNotThrowAnyException();
    }

    @Test
    @DisplayName("INV-IN-02: cannotReadAFieldNamedTwice, wherever it is and whatever follows it")
    void cannotReadAFieldNamedTwice() {
        assertThat(detail("{\"amount\":\"50.00\",\"amount\":\"-1\"}")).isEqualTo("Field 'amount' appears more than once");
        assertThat(detail("{\"amount\":5,\"amount\":\"50.00\"}")).isEqualTo("Field 'amount' appears more than once");
        assertThat(detail("[{\"callId\":\"a\"},{\"callId\":\"b\",\"callId\":\"c\"}]"))
                .isEqualTo("Field 'callId' appears more than once");
    }

    @Test
    @DisplayName("INV-IN-02: cannotReadNestingDeeperThan64Levels")
    void cannotReadNestingDeeperThan64Levels() {
        assertThat(detail("[".repeat(65) + "]".repeat(65))).isEqualTo("The body nests deeper than 64 levels");
        assertThat(detail("{\"amount\":" + "[".repeat(64) + "]".repeat(64) + "}")).isEqualTo("The body nests deeper than 64 levels");
        assertThat(detail("{\"a\":".repeat(5000))).isEqualTo("The body nests deeper than 64 levels");
    }

    @ParameterizedTest
    @DisplayName("INV-IN-02: cannotReadASecondDocumentOrAnythingAfterTheFirst")
    @ValueSource(strings = {"{\"amount\":\"50.00\"}{\"amount\":\"999.00\"}", "{\"amount\":\"50.00\"} 1", "{} []",
            "{\"amount\":\"50.00\"}]", "{\"amount\":\"50.00\"},{}"})
    void cannotReadASecondDocumentOrAnythingAfterTheFirst(String body) {
        assertThat(detail(body)).isEqualTo("The body must be exactly one JSON document; something follows it");
    }

    @Test
    @DisplayName("INV-IN-02: a syntax error is named with its place; a number longer than the parser allows is refused")
    void cannotReadBrokenSyntax() {
        assertThat(detail("{\"amount\":")).startsWith("The body is not valid JSON (line 1, column");
        assertThat(detail("{\"amount\":\"5\u0001\"}")).startsWith("The body is not valid JSON");
        assertThat(detail("{\"amount\":00050}")).startsWith("The body is not valid JSON");
        assertThat(detail("{\"amount\":1" + "0".repeat(2000) + "}")).startsWith("The body exceeds the parser's limits");
    }

    @Test
    @DisplayName("INV-IN-02: the HTTP mapper itself refuses the same documents when it binds")
    void theHttpMapperRefusesThemToo() {
        assertThat(catchThrowable(() -> HTTP_MAPPER.readTree("{\"a\":1,\"a\":2}"))).hasMessageStartingWith("Duplicate field 'a'");
        assertThat(catchThrowable(() -> HTTP_MAPPER.readValue("{\"a\":1}{\"a\":2}", java.util.Map.class)))
                .hasMessageStartingWith("Trailing token");
        assertThat(catchThrowable(() -> HTTP_MAPPER.readTree("[".repeat(65) + "]".repeat(65))))
                .hasMessageContaining("nesting depth");
    }

    @Test
    @DisplayName("INV-IN-02: a body in the charset its Content-Type names is read in that charset, as binding reads it")
    void canReadABodyInTheCharsetItNames() {
        byte[] latin1 = "{\"destination\":\"Zürich\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertThatCode(() -> BODIES.check(latin1, StandardCharsets.ISO_8859_1)).doesNotThrowAnyException();
        assertThat(catchThrowable(() -> BODIES.check(latin1, null))).as("not UTF-8").isNotNull();
        byte[] twice = "{\"a\":\"é\",\"a\":1}".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(catchThrowable(() -> BODIES.check(twice, StandardCharsets.ISO_8859_1))).hasMessageStartingWith("Duplicate field");
    }
}
