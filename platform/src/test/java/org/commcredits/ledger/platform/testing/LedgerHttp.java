package org.commcredits.ledger.platform.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * A small HTTP client for end-to-end tests that talks to a running ledger exactly as another service
 * would: real HTTP, Basic authentication, JSON bodies.
 */
public final class LedgerHttp {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public LedgerHttp(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Where this client sends its requests, e.g. {@code http://127.0.0.1:8080}. */
    public String baseUrl() {
        return baseUrl;
    }

    public static LedgerHttp onPort(int port) {
        return new LedgerHttp("http://localhost:" + port);
    }

    /** An answer: status, headers and the body parsed as JSON (null when empty or not JSON). */
    public record Answer(int status, HttpResponse<String> raw) {

        public JsonNode json() {
            try {
                return raw.body().isEmpty() ? null : JSON.readTree(raw.body());
            } catch (IOException notJson) {
                return null;
            }
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String body() {
            return raw.body();
        }

        /** The stable error code of a problem answer. */
        public String code() {
            JsonNode json = json();
            return json == null || json.get("code") == null ? null : json.get("code").asText();
        }

        public long sequence() {
            return Long.parseLong(header("X-Event-Sequence"));
        }
    }

    public Answer get(String user, String path) {
        return send(user, "GET", path, null, null);
    }

    public Answer post(String user, String path, String json) {
        return send(user, "POST", path, json, null);
    }

    public Answer post(String user, String path, String json, String idempotencyKey) {
        return send(user, "POST", path, json, idempotencyKey);
    }

    public Answer put(String user, String path, String json) {
        return send(user, "PUT", path, json, null);
    }

    public Answer delete(String user, String path) {
        return send(user, "DELETE", path, null, null);
    }

    /** Sends a request; {@code user} is a sandbox user whose password equals its name, or null for none. */
    public Answer send(String user, String method, String path, String json, String idempotencyKey) {
        return send(user, user, method, path, json, idempotencyKey);
    }

    /** A request with any content type (CSV uploads); {@code user} is a sandbox user. */
    public Answer sendRaw(String user, String method, String path, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A body-less request as a user with an explicit password. */
    public Answer sendAs(String user, String password, String method, String path) {
        return send(user, password, method, path, null, null);
    }

    private Answer send(String user, String password, String method, String path, String json, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
            request.method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
