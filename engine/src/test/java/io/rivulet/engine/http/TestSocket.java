package io.rivulet.engine.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A WebSocket client for tests (the JDK's), reading every text frame into a queue as it arrives. */
final class TestSocket implements WebSocket.Listener, AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** How the server closed the socket. */
    record Close(int code, String reason) {
    }

    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Close> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket ws;

    private TestSocket() {
    }

    static TestSocket connect(HttpClient client, URI uri) {
        return connect(client, uri, new String[0]);
    }

    /** Connects with extra upgrade request headers as name, value, name, value, … */
    static TestSocket connect(HttpClient client, URI uri, String... headers) {
        TestSocket socket = new TestSocket();
        WebSocket.Builder builder = client.newWebSocketBuilder();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        try {
            socket.ws = builder.buildAsync(uri, socket).get(HttpFixture.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) {
                throw new Refused(h.getResponse().statusCode(), String.valueOf(h.getResponse().body()));
            }
            throw new AssertionError("could not connect to " + uri, e);
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("could not connect to " + uri, e);
        }
        return socket;
    }

    /** The server refused the upgrade with an HTTP status. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;

        Refused(int status, String body) {
            super("HTTP " + status + " " + body);
            this.status = status;
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            frames.add(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(new Close(statusCode, reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }

    /** The next text frame as JSON; fails after the fixture's timeout. */
    JsonNode next() {
        try {
            String frame = frames.poll(HttpFixture.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (frame == null) {
                throw new AssertionError("no frame within " + HttpFixture.TIMEOUT);
            }
            return MAPPER.readTree(frame);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    List<JsonNode> next(int n) {
        List<JsonNode> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(next());
        }
        return list;
    }

    /** A frame that arrives within {@code millis}, or null. */
    String poll(long millis) throws InterruptedException {
        return frames.poll(millis, TimeUnit.MILLISECONDS);
    }

    void send(String text) {
        ws.sendText(text, true).join();
    }

    void sendBinary(byte[] bytes) {
        ws.sendBinary(java.nio.ByteBuffer.wrap(bytes), true).join();
    }

    Close awaitClose() throws Exception {
        return closed.get(HttpFixture.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (!ws.isOutputClosed() && !closed.isDone()) {
            try {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
            } catch (java.util.concurrent.CompletionException e) {
                // the server's close got there first and the client closed its output in reply: nothing to send
            }
        }
        try {
            closed.get(2, TimeUnit.SECONDS); // the server's answering close
        } catch (Exception e) {
            // closed abruptly or not at all: abort below either way
        }
        ws.abort();
    }
}
