package org.commcredits.ledger.platform.testing;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A webhook receiver for tests: the JDK's {@code HttpServer} on a loopback port. It records every request
 * (headers, body, arrival time) and answers what the test's {@code answer} function says for it.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as it arrived. */
    public record Received(String path, String id, String timestamp, String signature, String contentType, String body,
                           long receivedNanos) {
    }

    /** What to answer: a status, after an optional delay. */
    public record Answer(int status, long delayMillis) {

        public static Answer status(int status) {
            return new Answer(status, 0);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> attemptsById = new ConcurrentHashMap<>();
    private volatile Function<Received, Answer> answer = r -> Answer.status(200);

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    public static WebhookReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            WebhookReceiver receiver = new WebhookReceiver(server);
            server.setExecutor(Executors.newFixedThreadPool(16));
            server.createContext("/", exchange -> {
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readAllBytes();
                }
                Received request = new Received(exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("webhook-id"),
                        exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                        exchange.getRequestHeaders().getFirst("webhook-signature"),
                        exchange.getRequestHeaders().getFirst("Content-Type"),
                        new String(body, StandardCharsets.UTF_8), System.nanoTime());
                receiver.received.add(request);
                if (request.id() != null) {
                    receiver.attemptsById.merge(request.id(), 1, Integer::sum);
                }
                Answer answer = receiver.answer.apply(request);
                if (answer.delayMillis() > 0) {
                    try {
                        Thread.sleep(answer.delayMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                try {
                    exchange.sendResponseHeaders(answer.status(), -1);
                } catch (IOException clientGone) {
                    // the sender timed out first
                }
                exchange.close();
            });
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public void answer(Function<Received, Answer> answer) {
        this.answer = answer;
    }

    public List<Received> received() {
        return new ArrayList<>(received);
    }

    public List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** How many requests carried this webhook-id so far. */
    public int attempts(String id) {
        return attemptsById.getOrDefault(id, 0);
    }

    public void clear() {
        received.clear();
        attemptsById.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
