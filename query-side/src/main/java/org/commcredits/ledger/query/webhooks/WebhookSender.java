package org.commcredits.ledger.query.webhooks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * One HTTP {@code POST} of a signed message: 10 s to connect and 10 s for the answer, redirects never followed
 * (a 3xx is a failed attempt), the answer's body discarded.
 */
class WebhookSender {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client;
    private final Duration timeout;

    WebhookSender(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** The status code, or an error when there was no answer within the timeout; null when interrupted. */
    WebhookMessages.Attempt send(URI url, Map<String, String> headers, String body, Clock clock) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "CommunicationCreditsLedger-Webhooks/1")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        java.time.Instant at = clock.instant();
        long start = System.nanoTime();
        try {
            HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
            return new WebhookMessages.Attempt(at, response.statusCode(), null, elapsed(start));
        } catch (HttpTimeoutException e) {
            return new WebhookMessages.Attempt(at, null, "no answer within " + timeout.toSeconds() + " s", elapsed(start));
        } catch (IOException e) {
            return new WebhookMessages.Attempt(at, null, "connection failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), elapsed(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null; // the instance is stopping: no attempt to record, the claim is let go
        }
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
