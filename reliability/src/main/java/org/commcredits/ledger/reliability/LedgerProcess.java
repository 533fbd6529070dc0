package org.commcredits.ledger.reliability;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One packaged ledger application started as a real JVM process, which a fault can kill with SIGKILL. */
final class LedgerProcess implements AutoCloseable {

    enum Kind {
        STANDALONE("standalone", ""), COMMAND_SIDE("command-side", "-exec"), QUERY_SIDE("query-side", "-exec");

        final String module;
        final String suffix;

        Kind(String module, String suffix) {
            this.module = module;
            this.suffix = suffix;
        }
    }

    private final Kind kind;
    private final String name;
    private final Path jar;
    private final int port;
    private final String dbUrl;
    private final Path log;
    private Process process;

    LedgerProcess(Kind kind, String name, Path repo, String version, String dbUrl, Path logDir) {
        this.kind = kind;
        this.name = name;
        this.jar = repo.resolve(kind.module).resolve("target").resolve(kind.module + "-" + version + kind.suffix + ".jar");
        this.port = freePort();
        this.dbUrl = dbUrl;
        this.log = logDir.resolve(name + ".log");
        if (!jar.toFile().isFile()) {
            throw new IllegalStateException("no packaged application at " + jar + ": run `mvn package -DskipTests` first");
        }
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    String name() {
        return name;
    }

    /** Starts the JVM and waits until {@code /actuator/health} answers (whatever its status). */
    LedgerProcess start() {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx512m", "-XX:TieredStopAtLevel=1",
                "-Duser.timezone=UTC", "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.put("PORT", Integer.toString(port));
        env.put("LEDGER_DB_URL", dbUrl);
        env.put("LEDGER_DB_USER", "postgres");
        env.put("LEDGER_SANDBOX", "true");
        env.put("LEDGER_DATA_DIR", log.getParent().resolve(name + "-data").toString());
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name, e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " while starting; see " + log);
            }
            try {
                HttpResponse<Void> health = http.send(HttpRequest.newBuilder(URI.create(base() + "/actuator/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() > 0) {
                    return this;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(250);
        }
        throw new IllegalStateException(name + " did not answer within 240 s; see " + log);
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed; what was acknowledged must survive anyway. */
    void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                kill();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + File.separator + "bin"
                + File.separator + "java");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
