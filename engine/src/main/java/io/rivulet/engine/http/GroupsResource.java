package io.rivulet.engine.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.rivulet.api.Admin;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import java.util.Map;

/**
 * {@code /groups} and {@code /groups/{group}}: ids, then members, assignment, committed offsets and lag; and
 * deleting a group without members.
 */
final class GroupsResource {
    private final Admin admin;

    GroupsResource(Admin admin) {
        this.admin = admin;
    }

    Mono<Void> list(HttpServerRequest req, HttpServerResponse res) {
        return admin.listGroups().flatMap(ids -> Responses.json(res, HttpResponseStatus.OK, Map.of("groups", ids)));
    }

    Mono<Void> describe(HttpServerRequest req, HttpServerResponse res) {
        return admin.describeGroup(req.param("group"))
                .flatMap(g -> Responses.json(res, HttpResponseStatus.OK, Views.group(g)));
    }

    Mono<Void> delete(HttpServerRequest req, HttpServerResponse res) {
        return admin.deleteGroup(req.param("group")).then(res.status(HttpResponseStatus.NO_CONTENT).send());
    }
}
