package dev.px0.http;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;

/**
 * Declares each path of a routes class once, with all its methods: every method gets its handler, and any other
 * method gets {@code 405 method not allowed} with {@code Allow} naming the path's methods (in the order GET, POST,
 * PUT, DELETE).
 *
 * <pre>{@code
 * Routes.on(rules)
 *         .path("/me", get(this::me), delete(this::deleteAccount))
 *         .path("/me/password", post(this::changePassword));
 * }</pre>
 */
public final class Routes {

    private static final List<Method> ORDER = List.of(Method.GET, Method.HEAD, Method.POST, Method.PUT, Method.PATCH,
                                                      Method.DELETE, Method.OPTIONS);

    /** One method of a path and its handler. */
    public record Route(Method method, Handler handler) {
    }

    private final HttpRules rules;

    private Routes(HttpRules rules) {
        this.rules = rules;
    }

    public static Routes on(HttpRules rules) {
        return new Routes(rules);
    }

    /** The path's methods, then 405 for any other; the path pattern as Helidon reads it ({@code /{project}/audit}). */
    public Routes path(String path, Route... routes) {
        for (Route route : routes) {
            rules.route(route.method(), path, route.handler());
        }
        rules.any(path, HttpErrors.methodNotAllowed(Arrays.stream(routes).map(Route::method)
                                                             .sorted(Comparator.comparingInt(ORDER::indexOf))
                                                             .toArray(Method[]::new)));
        return this;
    }

    public static Route get(Handler handler) {
        return new Route(Method.GET, handler);
    }

    public static Route post(Handler handler) {
        return new Route(Method.POST, handler);
    }

    public static Route put(Handler handler) {
        return new Route(Method.PUT, handler);
    }

    public static Route delete(Handler handler) {
        return new Route(Method.DELETE, handler);
    }
}
