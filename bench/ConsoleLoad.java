import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.px0.console.Browser;
import dev.px0.prompt.PromptFixture;
import dev.px0.testing.Node;
import dev.px0.testing.Users;

import io.helidon.http.HeaderNames;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;

/**
 * The console's first load and page times in headless Chromium against px0 on embedded stores, beside the API
 * requests each page makes, timed from Java in the same run. First load: a fresh browser profile opens / and
 * signs in; the bytes are the Resource Timing API's transferSize (headers + body as sent). Page time: from the
 * hash change to the last element in place (the console's own performance.measure), median of [rounds].
 * Usage: bench/run ConsoleLoad [rounds]
 */
public class ConsoleLoad {

    private static final String SUM = "return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))"
            + ".reduce((s, e) => s + e.transferSize, 0);";
    private static final String COUNT = "return performance.getEntriesByType('navigation').length + performance.getEntriesByType('resource').length;";

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        try (Node node = Node.start(Map.of())) {
            String base = "http://127.0.0.1:" + node.server().port();
            PromptFixture px = new PromptFixture(node);
            String email = new Users(node.px0()).verified();
            String token = node.api().token(email, Users.PASSWORD);
            String project = px.project(token);
            px.prompt(project, token, "reply", "text");
            px.version(project, token, "reply", "Hello {{name}},\nwelcome to {{place}}.");
            px.version(project, token, "reply", "Hello {{name}},\nwelcome back to {{place}}.");
            px.label(project, token, "reply", "production", 2);

            try (Browser browser = new Browser(base)) {
                browser.get("/");
                browser.heading("Sign in");
                long signInBytes = (Long) browser.script(SUM);
                long signInRequests = (Long) browser.script(COUNT);
                browser.signIn(email, Users.PASSWORD);
                long totalBytes = (Long) browser.script(SUM);
                long totalRequests = (Long) browser.script(COUNT);
                System.out.printf("first load, fresh profile: sign-in page %,d bytes in %d requests; "
                                  + "after signing in (projects page) %,d bytes in %d requests%n",
                                  signInBytes, signInRequests, totalBytes, totalRequests);

                String p = "#/p/" + project;
                List<String> pages = List.of("#/projects", p, p + "/prompts/reply/versions", p + "/prompts/reply/diff",
                                             p + "/prompts/reply/labels", p + "/prompts/reply/playground",
                                             p + "/members", p + "/keys", p + "/audit", "#/account");
                Http1Client client = Http1Client.builder().baseUri(base).build();
                String api = "/v1/projects/" + project;
                Map<String, List<String>> calls = Map.of(
                        "#/projects", List.of("/v1/auth/me", "/v1/projects"),
                        p + "/prompts/reply/versions", List.of(api + "/prompts/reply", api + "/prompts/reply/versions?limit=200",
                                                               api + "/prompts/reply/versions/2"),
                        p + "/prompts/reply/diff", List.of(api + "/prompts/reply", api + "/prompts/reply/versions?limit=200",
                                                           api + "/prompts/reply/versions/1/diff/2"));
                System.out.printf("%-44s %12s %26s%n", "page (median of " + rounds + ")", "page ms", "its API calls, sequential ms");
                for (String page : pages) {
                    double[] times = new double[rounds];
                    for (int i = 0; i < rounds; i++) {
                        boolean projects = page.equals("#/projects");
                        browser.open(projects ? "#/account" : "#/projects");
                        browser.heading(projects ? "Account" : "Projects");
                        browser.script("performance.clearMeasures();");
                        browser.open(page);
                        browser.waiting().until(d -> (Boolean) browser.script(
                                "return performance.getEntriesByType('measure').some(m => m.name === 'px0-page ' + location.hash);"));
                        times[i] = ((Number) browser.script("return performance.getEntriesByType('measure')"
                                + ".find(m => m.name === 'px0-page ' + location.hash).duration;")).doubleValue();
                    }
                    String apiMs = "";
                    if (calls.containsKey(page)) {
                        double[] t = new double[rounds];
                        for (int i = 0; i < rounds; i++) {
                            long start = System.nanoTime();
                            for (String path : calls.get(page)) {
                                get(client, path, token);
                            }
                            t[i] = (System.nanoTime() - start) / 1e6;
                        }
                        apiMs = String.format("%.1f", median(t));
                    }
                    System.out.printf("%-44s %12.1f %26s%n", page.replace(project, "{p}"), median(times), apiMs);
                }
                double[] asset = new double[rounds];
                for (int i = 0; i < rounds; i++) {
                    long start = System.nanoTime();
                    get(client, "/console/js/views/prompt.js", null);
                    asset[i] = (System.nanoTime() - start) / 1e6;
                }
                System.out.printf("GET /console/js/views/prompt.js from Java: median %.2f ms%n", median(asset));
            }
        }
    }

    private static void get(Http1Client client, String path, String token) {
        var request = client.get(path.contains("?") ? path.substring(0, path.indexOf('?')) : path);
        if (path.contains("?")) {
            String[] kv = path.substring(path.indexOf('?') + 1).split("=");
            request.queryParam(kv[0], kv[1]);
        }
        if (token != null) {
            request.header(HeaderNames.AUTHORIZATION, "Bearer " + token);
        }
        try (Http1ClientResponse r = request.request()) {
            r.entity().consume();
            if (r.status().code() != 200) {
                throw new IllegalStateException(path + " answered " + r.status());
            }
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
