package io.rivulet.engine.cli;

import io.rivulet.engine.testing.SelfSigned;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code rivulet server --token --tls-cert --tls-key} secures the HTTP listener with the native one's token and TLS. */
class ServerHttpSecurityIT {
    private static final String TOKEN = "cli-token";

    @TempDir
    Path dir;

    @Test
    void theServersTokenAndCertificateProtectItsHttpListenerToo() throws Exception {
        SelfSigned cert = SelfSigned.create(dir);
        ManualStop stop = new ManualStop();
        StringWriter out = new StringWriter();
        CommandContext context = CliRunner.context(stop, "", out, new StringWriter());
        CompletableFuture<Integer> server = CompletableFuture.supplyAsync(() -> Cli.run(context, "server",
                "--data-dir", dir.resolve("data").toString(), "--native-port", "0", "--http-port", "0", "--kafka-port", "0", "--token", TOKEN,
                "--tls-cert", cert.certificate().toString(), "--tls-key", cert.privateKey().toString()));
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!stop.armed()) {
                assertTrue(System.nanoTime() < deadline, "the server did not start: " + out);
                Thread.sleep(10);
            }
            String line = out.toString().lines().filter(l -> l.startsWith("http listening on ")).findFirst().orElseThrow();
            assertTrue(line.endsWith("(TLS) (token required)"), line);
            String address = line.substring("http listening on ".length()).split(" ")[0];
            HttpClient client = HttpClient.newBuilder().sslContext(cert.clientContext()).build();

            HttpResponse<String> refused = client.send(HttpRequest.newBuilder(URI.create("https://" + address + "/topics"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, refused.statusCode(), refused.body());
            HttpResponse<String> metrics = client.send(HttpRequest.newBuilder(URI.create("https://" + address + "/metrics"))
                    .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.body().contains("rivulet_listener_connections{listener=\"http\"}"),
                    "the listener reports to the node's metrics");
            assertTrue(metrics.body().contains("rivulet_errors_total{code=\"AUTHENTICATION_FAILED\"} 1.0"),
                    "the refusal was counted");
        } finally {
            stop.stop();
            assertEquals(0, server.get(20, TimeUnit.SECONDS));
        }
    }
}
