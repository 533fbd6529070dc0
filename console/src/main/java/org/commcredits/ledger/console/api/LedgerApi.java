package org.commcredits.ledger.console.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import org.commcredits.ledger.console.ConsoleProperties;
import org.commcredits.ledger.console.security.ConsoleCredential;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The console's only way to the ledger: its HTTP API, called as the signed-in user (HTTP Basic with the
 * session's {@link ConsoleCredential}). Whatever the API refuses, the console refuses too; whatever it
 * answers, the console shows.
 */
@Component
public class LedgerApi {

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1) // plain http: no h2c upgrade attempt on every new connection
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json;
    private final ConsoleProperties properties;
    private volatile String base;

    LedgerApi(ObjectMapper json, ConsoleProperties properties) {
        this.json = json;
        this.properties = properties;
        this.base = properties.apiUrl();
    }

    @EventListener
    void serverStarted(WebServerInitializedEvent event) {
        if (properties.apiUrl() == null && event.getApplicationContext().getServerNamespace() == null) {
            base = "http://127.0.0.1:" + event.getWebServer().getPort();
        }
    }

    public ApiAnswer get(String path) {
        return send(current(), "GET", path, null, null);
    }

    public ApiAnswer post(String path, Object body) {
        return send(current(), "POST", path, body, null);
    }

    public ApiAnswer post(String path, Object body, String idempotencyKey) {
        return send(current(), "POST", path, body, idempotencyKey);
    }

    public ApiAnswer put(String path, Object body) {
        return send(current(), "PUT", path, body, null);
    }

    public ApiAnswer delete(String path) {
        return send(current(), "DELETE", path, null, null);
    }

    /** A file the API serves (CSV, PDF), passed through unchanged. */
    public Download download(String path) {
        return download(current(), path);
    }

    /** A file as the API answered it. */
    public record Download(int status, String contentType, byte[] body) {

        /** The file to the browser under a download name, or the API's refusal as plain text. */
        public ResponseEntity<byte[]> asAttachment(String name) {
            if (status != 200) {
                return ResponseEntity.status(status).contentType(MediaType.TEXT_PLAIN)
                        .body(("The ledger answered " + status).getBytes(StandardCharsets.UTF_8));
            }
            return ResponseEntity.ok()
                    .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                    .contentType(MediaType.parseMediaType(contentType))
                    .body(body);
        }
    }

    public Download download(ConsoleCredential credential, String path) {
        HttpRequest request = request(credential, path).GET().build();
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Download(response.statusCode(), response.headers().firstValue("Content-Type").orElse("application/octet-stream"),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A call with an explicit credential, for work that outlives its request (bulk assignment). */
    public ApiAnswer send(ConsoleCredential credential, String method, String path, Object body, String idempotencyKey) {
        try {
            HttpRequest.Builder builder = request(credential, path).header("Accept", "application/json");
            if (idempotencyKey != null) {
                builder.header("Idempotency-Key", idempotencyKey);
            }
            if (body == null) {
                builder.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                builder.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
            }
            HttpResponse<byte[]> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode node = response.body().length == 0 ? null : json.readTree(response.body());
            Object value = node == null ? null : lenient(node);
            Long sequence = response.headers().firstValue("X-Event-Sequence").map(Long::valueOf).orElse(null);
            return ApiAnswer.of(response.statusCode(), node, value, sequence);
        } catch (IOException e) {
            return new ApiAnswer(503, null, "STORE_UNAVAILABLE", "The ledger's API could not be reached", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** JSON into {@link LenientMap}s and lists, so templates can read absent fields as null. */
    static Object lenient(JsonNode node) {
        if (node.isObject()) {
            LenientMap map = new LenientMap();
            node.fields().forEachRemaining(field -> map.put(field.getKey(), lenient(field.getValue())));
            return map;
        }
        if (node.isArray()) {
            java.util.List<Object> list = new java.util.ArrayList<>(node.size());
            node.forEach(item -> list.add(lenient(item)));
            return list;
        }
        if (node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        return node.asText();
    }

    private HttpRequest.Builder request(ConsoleCredential credential, String path) {
        if (credential == null) {
            throw new NotSignedIn();
        }
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", credential.basicHeader());
    }

    public static ConsoleCredential current() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return ConsoleCredential.of(request.getSession(false));
        }
        return null;
    }

    /** The session holds no credential (it was created before a restart, say): sign in again. */
    public static final class NotSignedIn extends RuntimeException {
        NotSignedIn() {
            super("No credential in this session", null, false, false);
        }
    }
}
