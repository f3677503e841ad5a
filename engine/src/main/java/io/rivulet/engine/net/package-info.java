/**
 * Rivulet's native protocol over reactor-netty TCP. This first layer is the framing: {@link
 * io.rivulet.engine.net.Frame} values, the {@link io.rivulet.engine.net.FrameDecoder} and {@link
 * io.rivulet.engine.net.FrameEncoder} that the server and the remote client share, and the {@link
 * io.rivulet.engine.net.CreditWindow} that carries a remote subscriber's demand. The wire format is
 * described in {@code docs/protocol.md}.
 */
package io.rivulet.engine.net;
