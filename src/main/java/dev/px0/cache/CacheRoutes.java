package dev.px0.cache;

import static dev.px0.http.Routes.post;

import dev.px0.auth.Callers;
import dev.px0.change.Change;
import dev.px0.http.ApiException;
import dev.px0.http.Routes;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code /v1/cache}: operators empty every node's caches (system admins only). */
final class CacheRoutes implements HttpService {

    private final Callers callers;
    private final NodeCaches caches;

    CacheRoutes(Callers callers, NodeCaches caches) {
        this.callers = callers;
        this.caches = caches;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.on(rules)
                .path("/purge", post(this::purge));
    }

    private void purge(ServerRequest req, ServerResponse res) {
        if (!callers.require(req).user().admin()) {
            throw new ApiException(Status.FORBIDDEN_403, "forbidden");
        }
        caches.changed(new Change.Purge()).tell(res);
        res.status(Status.NO_CONTENT_204).send();
    }
}
