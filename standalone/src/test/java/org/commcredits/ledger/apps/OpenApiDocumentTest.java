package org.commcredits.ledger.apps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.commcredits.ledger.platform.testing.LedgerHttp;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * INV-API-13: the OpenAPI document the ledger serves is one a client can be generated from, and it is the one
 * committed as {@code docs/openapi.json}. After a deliberate change of the contract, regenerate the file with
 * {@code mvn -pl standalone -am verify -Dtest=OpenApiDocumentTest -Dopenapi.write=true
 * -Dsurefire.failIfNoSpecifiedTests=false} and review its diff.
 */
class OpenApiDocumentTest extends LedgerOnPostgres {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final Path COMMITTED = Path.of("..", "docs", "openapi.json");

    @Test
    @DisplayName("INV-API-13: every operation has a tag, a summary, a description and its problem+json errors; the catalog names only served operations")
    void everyOperationIsDocumented() throws Exception {
        JsonNode served = served();
        assertThat(served.at("/info/title").asText()).isEqualTo("Communication Credits Ledger API");
        assertThat(served.at("/info/version").asText()).isEqualTo("2");
        assertThat(served.at("/components/securitySchemes/basic/scheme").asText()).isEqualTo("basic");
        assertThat(served.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
        assertThat(served.at("/components/schemas/Problem/properties/code").isMissingNode()).isFalse();

        JsonNode catalog = new ObjectMapper(new YAMLFactory()).readTree(
                getClass().getClassLoader().getResourceAsStream("openapi/operations.yml"));
        Set<String> tags = new HashSet<>();
        catalog.get("tags").fieldNames().forEachRemaining(tags::add);
        Set<String> servedOperations = new HashSet<>();
        List<String> undocumented = new ArrayList<>();
        served.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            String name = method.getKey().toUpperCase() + " " + path.getKey();
            servedOperations.add(name);
            JsonNode operation = method.getValue();
            if (operation.path("summary").asText("").isBlank() || operation.path("description").asText("").isBlank()
                    || operation.path("tags").size() != 1 || !tags.contains(operation.path("tags").get(0).asText())) {
                undocumented.add(name + " (summary, description or tag)");
            }
            boolean problems = false;
            for (var response = operation.path("responses").fields(); response.hasNext(); ) {
                var entry = response.next();
                if (entry.getKey().startsWith("4") && entry.getValue().at("/content/application~1problem+json/schema/$ref")
                        .asText().equals("#/components/schemas/Problem")) {
                    problems = true;
                }
            }
            if (!problems || !operation.path("responses").has("500")) {
                undocumented.add(name + " (problem+json error responses)");
            }
        }));
        assertThat(undocumented).as("operations lacking documentation (add them to platform/.../openapi/operations.yml)").isEmpty();
        List<String> stale = new ArrayList<>();
        catalog.get("operations").fieldNames().forEachRemaining(name -> {
            if (!servedOperations.contains(name)) {
                stale.add(name);
            }
        });
        assertThat(stale).as("catalog entries that name no served operation").isEmpty();
        assertThat(served.at("/paths/~1error").isMissingNode()).as("the error page is not an operation").isTrue();
    }

    @Test
    @DisplayName("INV-API-13: a client generator reads the served document without an error or a warning")
    void aClientCanBeGeneratedFromIt() throws Exception {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIParser().readContents(JSON.writeValueAsString(served()), null, options);
        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI().getPaths()).hasSizeGreaterThan(30);
    }

    @Test
    @DisplayName("INV-API-13: the served document is the committed docs/openapi.json")
    void servedDocumentIsCommitted() throws Exception {
        String served = JSON.writeValueAsString(JSON.treeToValue(served(), Object.class)) + "\n";
        if (Boolean.getBoolean("openapi.write")) {
            Files.writeString(COMMITTED, served, StandardCharsets.UTF_8);
        }
        assertThat(COMMITTED).as("docs/openapi.json (regenerate: see this test's comment)").exists();
        assertThat(Files.readString(COMMITTED, StandardCharsets.UTF_8))
                .as("docs/openapi.json differs from the served document; regenerate it (see this test's comment) and review the diff")
                .isEqualTo(served);
    }

    private JsonNode served() throws Exception {
        LedgerHttp.Answer docs = http().get(null, "/v3/api-docs");
        assertThat(docs.status()).as(docs.body()).isEqualTo(200);
        return JSON.readTree(docs.body());
    }
}
