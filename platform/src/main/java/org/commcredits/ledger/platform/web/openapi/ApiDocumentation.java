package org.commcredits.ledger.platform.web.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import org.commcredits.ledger.api.error.ErrorCode;
import org.commcredits.ledger.platform.security.AccessRules;
import org.commcredits.ledger.platform.security.Role;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The served OpenAPI document (issue 13): a title and version, the Basic and bearer security schemes, tags by
 * domain, and for every operation a summary, a description, examples, and each error it can answer with the
 * problem+json schema and its codes.
 *
 * <p>Why a catalog ({@code openapi/operations.yml}) rather than annotations on each controller: the words and
 * the error codes of an operation are its contract, reviewed together in one file next to {@code docs/api.md};
 * the controllers stay about HTTP and commands. {@code OpenApiDocumentTest} fails when an operation the
 * application serves has no entry, when an entry names no served operation, and when the served document
 * differs from the committed {@code docs/openapi.json}.
 */
@Configuration(proxyBeanMethods = false)
public class ApiDocumentation {

    static final String CATALOG = "openapi/operations.yml";
    private static final String PROBLEM = "Problem";

    /** Errors any authenticated operation can answer, whatever it does. */
    private static final List<ErrorCode> EVERY_OPERATION = List.of(ErrorCode.UNAUTHENTICATED, ErrorCode.FORBIDDEN,
            ErrorCode.AUTHENTICATION_THROTTLED, ErrorCode.STORE_UNAVAILABLE, ErrorCode.INTERNAL_ERROR);

    @Bean
    public OpenApiCustomizer ledgerApiDocumentation() {
        JsonNode catalog = load();
        return openApi -> document(openApi, catalog);
    }

    static JsonNode load() {
        try (InputStream in = ApiDocumentation.class.getClassLoader().getResourceAsStream(CATALOG)) {
            if (in == null) {
                throw new IllegalStateException("no " + CATALOG + " on the class path");
            }
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void document(OpenAPI openApi, JsonNode catalog) {
        JsonNode api = catalog.get("api");
        openApi.info(new Info().title(api.get("title").asText()).version(api.get("version").asText())
                .description(api.get("description").asText()));
        openApi.servers(List.of(new Server().url("/").description("this deployment")));
        Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
        components.addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                .description("HTTP Basic against the configured users (the sandbox's: password = name)."));
        components.addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .bearerFormat("JWT").description("OAuth2 bearer JWT, when an issuer is configured (docs/security.md)."));
        components.addSchemas(PROBLEM, problemSchema());
        openApi.components(components);
        openApi.security(List.of(new SecurityRequirement().addList("basic"), new SecurityRequirement().addList("bearer")));

        List<Tag> tags = new ArrayList<>();
        catalog.get("tags").fields().forEachRemaining(tag ->
                tags.add(new Tag().name(tag.getKey()).description(tag.getValue().asText())));
        openApi.tags(tags);

        JsonNode operations = catalog.get("operations");
        Map<String, PathItem> sorted = new TreeMap<>(openApi.getPaths());
        openApi.getPaths().clear();
        sorted.forEach(openApi.getPaths()::addPathItem);
        openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            JsonNode entry = operations.get(method.name() + " " + path);
            if (entry != null) {
                describe(operation, entry, roles(method.name(), path));
            }
        }));
    }

    /** Who may call it, from the rules the security filter enforces, so the document cannot drift from them. */
    static String roles(String method, String path) {
        for (AccessRules.Rule rule : AccessRules.RULES) {
            if (rule.method().name().equals(method) && rule.pattern().equals(path)) {
                List<String> names = rule.roles().stream().map(Role::name).sorted().toList();
                return (names.size() == 1 ? "Role " : "Roles ") + String.join(", ", names)
                        + (path.startsWith("/api/tenants/") ? " (a tenant-bound principal: its own tenant only)." : ".");
            }
        }
        return "No authentication needed.";
    }

    private static void describe(Operation operation, JsonNode entry, String roles) {
        operation.setTags(List.of(entry.get("tag").asText()));
        operation.setSummary(entry.get("summary").asText());
        String description = entry.path("description").asText("");
        operation.setDescription(description.isBlank() ? roles : roles + " " + description);
        if (entry.hasNonNull("public") && entry.get("public").asBoolean()) {
            operation.setSecurity(List.of());
        }
        if (entry.has("requestExample") && operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
            operation.getRequestBody().getContent().values().forEach(media -> media.setExample(example(entry.get("requestExample"))));
        }
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        // Commands answer their stored (idempotently replayable) JSON as a string: to a client it is an object.
        responses.values().stream().filter(response -> response.getContent() != null)
                .flatMap(response -> response.getContent().entrySet().stream())
                .filter(media -> media.getKey().contains("json") && media.getValue().getSchema() != null
                        && isString(media.getValue().getSchema()))
                .forEach(media -> media.getValue().setSchema(new ObjectSchema()
                        .description("see the example and docs/api.md")));
        if (entry.has("responseExample")) {
            responses.values().stream().filter(response -> response.getContent() != null)
                    .flatMap(response -> response.getContent().values().stream())
                    .forEach(media -> media.setExample(example(entry.get("responseExample"))));
        }
        if (entry.has("success")) {
            ApiResponse ok = responses.remove("200");
            String status = entry.get("success").asText();
            responses.addApiResponse(status, (ok == null ? new ApiResponse() : ok)
                    .description(entry.path("successDescription").asText("Done")));
        }
        responses.values().forEach(response -> {
            if (response.getDescription() == null || response.getDescription().isBlank() || "OK".equals(response.getDescription())) {
                response.setDescription(entry.path("successDescription").asText("Done"));
            }
        });
        Map<Integer, List<ErrorCode>> byStatus = new TreeMap<>();
        List<ErrorCode> codes = new ArrayList<>();
        for (JsonNode code : entry.path("errors")) {
            codes.add(ErrorCode.valueOf(code.asText()));
        }
        boolean isPublic = entry.path("public").asBoolean(false);
        for (ErrorCode code : EVERY_OPERATION) {
            if (!isPublic || code == ErrorCode.INTERNAL_ERROR) {
                codes.add(code);
            }
        }
        for (ErrorCode code : codes) {
            List<ErrorCode> atStatus = byStatus.computeIfAbsent(code.status(), status -> new ArrayList<>());
            if (!atStatus.contains(code)) {
                atStatus.add(code);
            }
        }
        byStatus.forEach((status, atStatus) -> responses.addApiResponse(String.valueOf(status), problem(atStatus)));
        operation.setResponses(responses);
    }

    @SuppressWarnings("rawtypes")
    private static boolean isString(Schema schema) {
        return "string".equals(schema.getType()) || schema.getTypes() != null && schema.getTypes().contains("string");
    }

    private static ApiResponse problem(List<ErrorCode> codes) {
        MediaType media = new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM));
        Map<String, Example> examples = new LinkedHashMap<>();
        for (ErrorCode code : codes) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", "https://commcredits.example/problems/" + code.name().toLowerCase().replace('_', '-'));
            body.put("title", code.name());
            body.put("status", code.status());
            body.put("code", code.name());
            examples.put(code.name(), new Example().summary(code.name()).value(body));
        }
        media.setExamples(examples);
        StringBuilder description = new StringBuilder("application/problem+json; `code` is one of: ");
        for (Iterator<ErrorCode> it = codes.iterator(); it.hasNext(); ) {
            description.append('`').append(it.next().name()).append('`').append(it.hasNext() ? ", " : "");
        }
        return new ApiResponse().description(description.toString())
                .content(new Content().addMediaType("application/problem+json", media));
    }

    private static Object example(JsonNode node) {
        if (node.isTextual()) {
            return node.asText();
        }
        return new ObjectMapper().convertValue(node, Object.class);
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema problemSchema() {
        Schema problem = new ObjectSchema().description("RFC 9457 problem details, with the ledger's stable `code`.");
        problem.addProperty("type", new StringSchema().description("a URI naming the kind of problem"));
        problem.addProperty("title", new StringSchema());
        problem.addProperty("status", new IntegerSchema());
        problem.addProperty("detail", new StringSchema().description("what was wrong, for a person"));
        problem.addProperty("instance", new StringSchema().description("the request path"));
        problem.addProperty("code", new StringSchema().description("stable machine-readable code (docs/api.md, Errors)"));
        problem.setRequired(List.of("type", "title", "status", "code"));
        return problem;
    }
}
