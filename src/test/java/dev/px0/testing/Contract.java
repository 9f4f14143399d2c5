package dev.px0.testing;

import java.util.Set;

import dev.px0.http.OpenApiRoutes;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import io.helidon.http.Header;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * Checks every response the tests receive against px0's OpenAPI document (swagger-request-validator): status
 * documented, body matching its schema. Paths the document does not list (the 404 catch-all) and methods it does
 * not list (405) are px0-wide answers, not operations, and are skipped; so is 413, which the server gives before
 * routing, and 429/503 of the login operation, which must stay as the seed contract has it.
 */
public final class Contract {

    private static final OpenApiInteractionValidator VALIDATOR = OpenApiInteractionValidator
            .createForSpecificationUrl(OpenApiRoutes.RESOURCE)
            .build();

    private static final Set<String> SKIPPED = Set.of("validation.request.path.missing",
                                                      "validation.request.operation.notAllowed");

    private Contract() {
    }

    /** The seed login operation stays unchanged, so it cannot list 429 (throttled) and 503 (busy). */
    private static boolean isSeedLogin(String method, String path) {
        return method.equals("POST") && path.equals("/v1/auth/login");
    }

    /** Fails the test when the response does not match the document. */
    public static void check(String method, String path, Api.Reply reply) {
        if (reply.status() == 413 || isSeedLogin(method, path) && (reply.status() == 429 || reply.status() == 503)) {
            return;
        }
        SimpleResponse.Builder response = SimpleResponse.Builder.status(reply.status());
        for (Header header : reply.headers()) {
            response.withHeader(header.name(), header.allValues());
        }
        if (!reply.body().isEmpty()) {
            response.withBody(reply.body());
        }
        String pathOnly = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        ValidationReport report = VALIDATOR.validateResponse(pathOnly, Request.Method.valueOf(method), response.build());
        var problems = report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .filter(m -> !SKIPPED.contains(m.getKey()))
                .map(m -> m.getKey() + ": " + m.getMessage())
                .toList();
        assertThat(method + " " + path + " -> " + reply.status() + " " + reply.body() + ": " + problems,
                   problems.isEmpty(), is(true));
    }
}
