package io.rivulet.engine.http;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

import java.io.ByteArrayOutputStream;

/**
 * Reads a request body into memory with a size bound, so no request can make the server hold more than
 * {@code http.request.max.bytes}. A body over the bound is still read to its end and thrown away, up to
 * {@link #SWALLOW_BYTES} more, before the 413 goes out: a server that answers and closes while the client is
 * still sending makes the client's TCP stack see a reset, and the client never reads the answer that says
 * what to change. Past that allowance the connection is closed, as it must be to stay bounded.
 */
final class BodyReader {
    /** How much of an oversized body is read and discarded so its sender sees the 413. */
    static final long SWALLOW_BYTES = 2L << 20;

    private BodyReader() {
    }

    static Mono<byte[]> read(HttpServerRequest request, int maxBytes) {
        String declared = request.requestHeaders().get(HttpHeaderNames.CONTENT_LENGTH);
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                return Mono.error(HttpProblem.badRequest("Content-Length '" + declared + "' is not a number"));
            }
            // A client that waits for "100 Continue" sends nothing more, so there is nothing to swallow.
            boolean waitsForContinue = request.requestHeaders().contains(HttpHeaderNames.EXPECT);
            if (length > maxBytes && (length > maxBytes + SWALLOW_BYTES || waitsForContinue)) {
                return Mono.error(tooLarge(maxBytes));
            }
        }
        return request.receive()
                .reduceWith(() -> new Body(maxBytes), Body::append)
                .defaultIfEmpty(new Body(maxBytes))
                .handle((body, sink) -> {
                    if (body.overBound()) {
                        sink.error(tooLarge(maxBytes));
                    } else {
                        sink.next(body.bytes.toByteArray());
                    }
                });
    }

    private static HttpProblem tooLarge(int maxBytes) {
        return new HttpProblem(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "REQUEST_TOO_LARGE",
                "the request body is larger than http.request.max.bytes = " + maxBytes
                        + ": send fewer records per request, or raise http.request.max.bytes");
    }

    /** The bytes kept so far, and how many arrived in all; past the bound it only counts. */
    private static final class Body {
        final int maxBytes;
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long received;

        Body(int maxBytes) {
            this.maxBytes = maxBytes;
        }

        Body append(ByteBuf chunk) {
            int n = chunk.readableBytes();
            received += n;
            if (received > maxBytes + SWALLOW_BYTES) {
                throw BodyReader.tooLarge(maxBytes); // cancels the read: the connection closes
            }
            if (overBound()) {
                bytes.reset();
                chunk.skipBytes(n);
            } else {
                byte[] copy = new byte[n];
                chunk.readBytes(copy);
                bytes.write(copy, 0, n);
            }
            return this;
        }

        boolean overBound() {
            return received > maxBytes;
        }
    }
}
