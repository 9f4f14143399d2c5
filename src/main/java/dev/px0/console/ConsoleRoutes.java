package dev.px0.console;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.staticcontent.ClasspathHandlerConfig;
import io.helidon.webserver.staticcontent.StaticContentFeature;

/**
 * The web console and Swagger UI, both static files from the jar: {@code /} (the console's page), {@code /console/…}
 * (its scripts and styles, {@code src/main/resources/console/}) and {@code /openapi/ui/} (Swagger UI from the
 * {@code org.webjars:swagger-ui} webjar, started by px0's own script instead of the webjar's inline one). Every
 * answer on these paths carries {@link #CSP} and the other headers in {@link #HEADERS}.
 */
public final class ConsoleRoutes {

    /** The Swagger UI webjar's files on the classpath; its version is the webjar's (pom.xml). */
    static final String SWAGGER_UI = "META-INF/resources/webjars/swagger-ui/5.34.1";

    /**
     * Scripts, styles, fetches, fonts and images from px0 only; nothing inline, no eval, no plugins, no framing, no
     * base URL, forms only to px0. {@code img-src data:} is for the icons inside Swagger UI's stylesheet.
     */
    public static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; manifest-src 'self'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    static final Header[] HEADERS = {
            HeaderValues.create(HeaderNames.create("Content-Security-Policy"), CSP),
            HeaderValues.create(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff"),
            HeaderValues.create(HeaderNames.create("Referrer-Policy"), "no-referrer"),
            HeaderValues.create(HeaderNames.create("X-Frame-Options"), "DENY"),
            HeaderValues.create(HeaderNames.create("Cross-Origin-Opener-Policy"), "same-origin"),
            HeaderValues.create(HeaderNames.create("Permissions-Policy"), "camera=(), microphone=(), geolocation=()"),
            HeaderValues.create(HeaderNames.CACHE_CONTROL, "no-cache")
    };

    private ConsoleRoutes() {
    }

    /** Adds the console's routes and its headers filter; call before the catch-all 404. */
    public static void register(HttpRouting.Builder routing) {
        routing.addFilter((chain, req, res) -> {
            if (isConsole(req.path().path())) {
                for (Header header : HEADERS) {
                    res.header(header);
                }
            }
            chain.proceed();
        });
        // "/" is the console's page: answered by the same static service, as /console/index.html
        routing.get("/", (req, res) -> res.reroute("/console/index.html"))
                .register("/console", StaticContentFeature.createService(ClasspathHandlerConfig.builder()
                        .location("console").welcome("index.html").build()))
                .register("/openapi/ui", StaticContentFeature.createService(ClasspathHandlerConfig.builder()
                        .location("console/swagger").welcome("index.html").build()))
                .register("/openapi/ui", StaticContentFeature.createService(ClasspathHandlerConfig.builder()
                        .location(SWAGGER_UI).build()));
    }

    /** Whether a request path is the console's or Swagger UI's. */
    static boolean isConsole(String path) {
        return path.equals("/") || path.equals("/console") || path.startsWith("/console/")
                || path.equals("/openapi/ui") || path.startsWith("/openapi/ui/");
    }
}
