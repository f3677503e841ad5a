package io.rivulet.engine.http;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

import java.io.ByteArrayOutputStream;

/**
 * Reads a request body into memory with a size bound. A declared {@code Content-Length} over the bound
 * is refused before a byte is read; a chunked body is counted as it arrives and refused the moment it
 * crosses the bound, so no request can make the server hold more than {@code http.request.max.bytes}.
 */
final class BodyReader {
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
            if (length > maxBytes) {
                return Mono.error(tooLarge(maxBytes));
            }
        }
        return request.receive()
                .reduceWith(ByteArrayOutputStream::new, (body, chunk) -> append(body, chunk, maxBytes))
                .map(ByteArrayOutputStream::toByteArray)
                .defaultIfEmpty(new byte[0]);
    }

    private static ByteArrayOutputStream append(ByteArrayOutputStream body, ByteBuf chunk, int maxBytes) {
        int n = chunk.readableBytes();
        if (body.size() + (long) n > maxBytes) {
            throw tooLarge(maxBytes);
        }
        byte[] bytes = new byte[n];
        chunk.readBytes(bytes);
        body.write(bytes, 0, n);
        return body;
    }

    private static HttpProblem tooLarge(int maxBytes) {
        return new HttpProblem(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "REQUEST_TOO_LARGE",
                "the request body is larger than http.request.max.bytes = " + maxBytes
                        + ": send fewer records per request, or raise http.request.max.bytes");
    }
}
