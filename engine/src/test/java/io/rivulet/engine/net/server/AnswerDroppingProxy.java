package io.rivulet.engine.net.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy in front of a node that can lose the node's answers: while {@link #dropAnswers} is on, what the
 * node sends back is read and thrown away, so a request reaches the node and its answer never reaches the
 * client — a lost answer, as when a leader dies between appending and replying. {@link #cut} then closes every
 * connection through it, so the client reconnects and sends again. Threads are named {@code proxy-*}.
 */
final class AnswerDroppingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int target;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile boolean dropAnswers;
    private volatile boolean closed;

    private AnswerDroppingProxy(int target) throws IOException {
        this.target = target;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "proxy-accept");
        accept.setDaemon(true);
        accept.start();
    }

    static AnswerDroppingProxy to(int port) throws IOException {
        return new AnswerDroppingProxy(port);
    }

    int port() {
        return listener.getLocalPort();
    }

    void dropAnswers(boolean drop) {
        dropAnswers = drop;
    }

    /** Closes every connection through the proxy; new ones are accepted. */
    void cut() {
        sockets.forEach(AnswerDroppingProxy::closeQuietly);
        sockets.clear();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Socket node = new Socket(InetAddress.getLoopbackAddress(), target);
                sockets.add(client);
                sockets.add(node);
                pump(client, node, false, "proxy-request");
                pump(node, client, true, "proxy-answer");
            } catch (IOException e) {
                if (!closed) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    private void pump(Socket from, Socket to, boolean answers, String name) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (!(answers && dropAnswers)) {
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                }
            } catch (IOException closedMeanwhile) {
                // the other side, or cut(), closed the connection
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, name);
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(listener);
        cut();
    }

    private static void closeQuietly(ServerSocket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
