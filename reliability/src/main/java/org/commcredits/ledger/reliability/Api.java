package org.commcredits.ledger.reliability;

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

/** The contract's paths the harness uses, as another service would call them (sandbox users). */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();

    /** An answer; status 0 when no HTTP answer came (connection refused, reset, timed out). */
    record Answer(int status, String body, boolean replayed, String error) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }

        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    Answer send(String base, String user, String method, String path, String body, String contentType, String key) {
        return send(base, user, user, method, path, body, contentType, key);
    }

    /** With a password of the caller's choosing: the sandbox users' password is their name, anything else is wrong. */
    Answer send(String base, String user, String password, String method, String path, String body, String contentType,
                String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                        .getBytes(StandardCharsets.UTF_8)));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(),
                    response.headers().firstValue("Idempotent-Replayed").isPresent(), null);
        } catch (IOException e) {
            return new Answer(0, "", false, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, "", false, "interrupted");
        }
    }

    Answer get(String base, String user, String path) {
        return send(base, user, "GET", path, null, null, null);
    }

    Answer post(String base, String user, String path, String json, String key) {
        return send(base, user, "POST", path, json, "application/json", key);
    }

    Answer put(String base, String user, String path, String json) {
        return send(base, user, "PUT", path, json, "application/json", null);
    }
}
