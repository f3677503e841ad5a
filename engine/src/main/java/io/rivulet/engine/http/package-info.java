/**
 * A node's HTTP and WebSocket front door over reactor-netty, serving the public {@code io.rivulet.api}
 * only (and reporting to the engine's {@code EngineMetrics}). {@link io.rivulet.engine.http.HttpListener} is the entry point and
 * {@link io.rivulet.engine.http.HttpSettings} its settings; the rest is package-private, one job per class:
 *
 * <ul>
 *   <li>{@code Router} maps paths to the resources ({@code TopicsResource}, {@code RecordsResource},
 *       {@code GroupsResource}, {@code StatusResource}, {@code PageResource}) and turns every failure into
 *       that request's JSON error ({@code ErrorMapping}, {@code HttpProblem}); {@code Authentication} checks
 *       the token first on every route but {@code /health} and the page;</li>
 *   <li>{@code HttpMeters} reports connections, WebSocket sessions, consume streams and answered errors;</li>
 *   <li>{@code ConsumeSocket} and {@code ProduceSocket} check a WebSocket request before the upgrade;
 *       {@code ConsumeSession} and {@code ProduceSession} run the socket after it;</li>
 *   <li>pure rules, tested without sockets: {@code ConsumeFrom} (the {@code from} forms), {@code RecordJson}
 *       (records as JSON), {@code StallWatch} (too far behind), {@code ConsumePositions} (where to resume),
 *       {@code ClientAcks} (cumulative acks), {@code SessionLimit}.</li>
 * </ul>
 *
 * <p>The user's guide is {@code docs/http.md}.
 */
package io.rivulet.engine.http;
