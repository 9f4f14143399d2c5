package dev.px0.fuzz;

import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;

/** The operations of px0's served OpenAPI document, as the property test needs them. */
final class ApiOperations {

    /** One operation: method, path template, id, the names of its path and query parameters, its JSON body's schema. */
    record Op(String method, String path, String id, List<String> pathParams, List<String> queryParams, Schema<?> body) {
    }

    private ApiOperations() {
    }

    /** Every operation of the served document, with its path and query parameters and its JSON body's schema. */
    static List<Op> read(String yaml) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        OpenAPI api = new OpenAPIV3Parser().readContents(yaml, null, options).getOpenAPI();
        List<Op> ops = new ArrayList<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
            List<String> pathParams = new ArrayList<>();
            List<String> queryParams = new ArrayList<>();
            for (Parameter p : parameters(item, op)) {
                if ("path".equals(p.getIn())) {
                    pathParams.add(p.getName());
                } else if ("query".equals(p.getIn())) {
                    queryParams.add(p.getName());
                }
            }
            Schema<?> body = op.getRequestBody() == null || op.getRequestBody().getContent() == null
                    || op.getRequestBody().getContent().get("application/json") == null ? null
                    : op.getRequestBody().getContent().get("application/json").getSchema();
            ops.add(new Op(method.name(), path, op.getOperationId(), pathParams, queryParams, body));
        }));
        return ops;
    }

    private static List<Parameter> parameters(PathItem item, Operation op) {
        List<Parameter> all = new ArrayList<>();
        if (item.getParameters() != null) {
            all.addAll(item.getParameters());
        }
        if (op.getParameters() != null) {
            all.addAll(op.getParameters());
        }
        return all;
    }
}
