package io.rivulet.engine.kafka;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.requests.RequestUtils;
import org.apache.kafka.common.requests.ResponseHeader;

/** A blocking Kafka-protocol socket for tests that send exactly the bytes they mean, good or bad. */
final class RawKafkaClient implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    private int correlation;

    RawKafkaClient(int port) throws IOException {
        this(new Socket("127.0.0.1", port));
    }

    /** Over a socket the caller opened (a TLS one, say); closes it on close. */
    RawKafkaClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(30_000);
        in = new DataInputStream(socket.getInputStream());
        out = new DataOutputStream(socket.getOutputStream());
    }

    /** Sends {@code body} as {@code api} version {@code version}; returns its correlation id. */
    int send(ApiKeys api, short version, ApiMessage body) throws IOException {
        int id = ++correlation;
        RequestHeaderData header = new RequestHeaderData().setRequestApiKey(api.id).setRequestApiVersion(version)
                .setCorrelationId(id).setClientId("raw-test");
        ByteBuffer bytes = RequestUtils.serialize(header, api.requestHeaderVersion(version), body, version);
        sendFrame(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
        return id;
    }

    /** Sends a frame of {@code length} bytes with a correct size prefix. */
    void sendFrame(byte[] bytes, int offset, int length) throws IOException {
        out.writeInt(length);
        out.write(bytes, offset, length);
        out.flush();
    }

    /** Sends only a size prefix, as a client announcing a request of {@code size} bytes would. */
    void sendSizeOnly(int size) throws IOException {
        out.writeInt(size);
        out.flush();
    }

    /** The next response: its body buffer, positioned after a header of {@code api}'s response header version. */
    ByteBuffer receive(ApiKeys api, short version, int expectedCorrelation) throws IOException {
        byte[] frame = new byte[in.readInt()];
        in.readFully(frame);
        ByteBuffer buf = ByteBuffer.wrap(frame);
        ResponseHeader header = ResponseHeader.parse(buf, api.responseHeaderVersion(version));
        if (header.correlationId() != expectedCorrelation) {
            throw new IllegalStateException("correlation " + header.correlationId() + ", expected " + expectedCorrelation);
        }
        return buf;
    }

    /** Whether the server has closed the connection (reads until end of stream or a timeout). */
    boolean closedByServer() throws IOException {
        try {
            while (in.read() >= 0) {
                // discard anything still in flight
            }
            return true;
        } catch (EOFException | java.net.SocketException e) {
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
