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
 * routing and the unchanged seed login operation cannot list.
 */
public final class Contract {

    private static final OpenApiInteractionValidator VALIDATOR = OpenApiInteractionValidator
            .createForSpecificationUrl(OpenApiRoutes.RESOURCE)
            .build();

    private static final Set<String> SKIPPED = Set.of("validation.request.path.missing",
                                                      "validation.request.operation.notAllowed");

    private Contract() {
    }

    /** Fails the test when the response does not match the document. */
    public static void check(String method, String path, Api.Reply reply) {
        if (reply.status() == 413) {
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
