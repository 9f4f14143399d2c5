package dev.px0.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.px0.testing.Api;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * An SDK render is byte-identical to the server's {@code POST …/render} across a template corpus: sections,
 * inverted sections, dotted names, triple braces, comments, unicode, numbers, standalone lines, chat; and a render
 * missing variables names the same ones, sorted.
 */
class RenderParityTest {

    /** The variables as the application would pass them: decimals kept as written, as the server reads them. */
    private static final ObjectMapper VALUES = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private static Cluster cluster;
    private static Px0Client client;

    /** A template and the variables (JSON) to render it with. */
    private record Case(String template, String variables) {
    }

    private static final List<Case> TEXT = List.of(
            new Case("Hello {{name}}!", "{\"name\":\"Ada\"}"),
            new Case("{{#items}}- {{title}} ({{n}})\n{{/items}}done", "{\"items\":[{\"title\":\"a\",\"n\":1},{\"title\":\"b\",\"n\":2}]}"),
            new Case("{{^items}}nothing to list{{/items}}{{#items}}x{{/items}}", "{\"items\":[]}"),
            new Case("{{customer.name}} from {{customer.address.city}}", "{\"customer\":{\"name\":\"Ada\",\"address\":{\"city\":\"London\"}}}"),
            new Case("{{{html}}} | {{&html}} | {{html}}", "{\"html\":\"<b>&amp; \\\"quotes\\\"</b>\"}"),
            new Case("a{{! a comment that renders nothing }}b {{x}}", "{\"x\":\"c\"}"),
            new Case("Grüße, {{name}} — 你好 🎉 {{emoji}}", "{\"name\":\"Zoë\",\"emoji\":\"👩‍💻\"}"),
            new Case("{{n}} {{f}} {{big}} {{neg}} {{b}} {{no}}", "{\"n\":3,\"f\":1.50,\"big\":12345678901234567890,\"neg\":-0.25,\"b\":true,\"no\":false}"),
            new Case("{{#show}}\nshown line\n{{/show}}\n{{^show}}\nhidden\n{{/show}}\nend\n", "{\"show\":true}"),
            new Case("obj={{obj}} arr={{arr}}", "{\"obj\":{\"a\":[1,2],\"b\":\"x\"},\"arr\":[1,\"two\",null]}"),
            new Case("{{#list}}{{.}}, {{/list}}", "{\"list\":[\"x\",\"y\",3]}"),
            new Case("  indented {{v}}\r\nwindows line\ttab", "{\"v\":\"ok\"}"),
            new Case("{{#user}}{{name}} is {{age}}{{/user}}", "{\"user\":{\"name\":\"Bo\",\"age\":0}}"));

    @BeforeAll
    static void start() {
        cluster = Cluster.get();
        client = cluster.client(cluster.a).build();
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    @Test
    void textRendersAreByteIdentical() throws Exception {
        for (int i = 0; i < TEXT.size(); i++) {
            Case c = TEXT.get(i);
            String slug = "parity-" + i;
            cluster.published(slug, c.template());
            Api.Reply server = serverRender(slug, c.variables());
            assertThat(server.body(), server.status(), is(200));
            String sdk = client.prompt(slug).render(values(c.variables()));
            assertThat(c.template(), sdk, is(server.json().getString("text")));
        }
    }

    @Test
    void chatRendersAreByteIdentical() throws Exception {
        String messages = "[{\"role\":\"system\",\"content\":\"You help with {{topic}}. Ünïcödé ✓\"},"
                + "{\"role\":\"user\",\"content\":\"{{#questions}}Q: {{.}}\\n{{/questions}}{{^questions}}no questions{{/questions}}\"},"
                + "{\"role\":\"assistant\",\"content\":\"{{{answer}}}\"}]";
        cluster.prompts.prompt(cluster.project, cluster.admin, "parity-chat", "chat");
        int v = cluster.prompts.chatVersion(cluster.project, cluster.admin, "parity-chat", messages);
        cluster.label(cluster.prompts, "parity-chat", "production", v);
        String variables = "{\"topic\":\"billing\",\"questions\":[\"why?\",\"when?\"],\"answer\":\"<ok> & done\"}";
        Api.Reply server = serverRender("parity-chat", variables);
        assertThat(server.body(), server.status(), is(200));
        List<Message> expected = new ArrayList<>();
        for (JsonObject m : server.json().getJsonArray("messages").getValuesAs(JsonObject.class)) {
            expected.add(new Message(m.getString("role"), m.getString("content")));
        }
        Prompt chat = client.prompt("parity-chat");
        assertThat(chat.type(), is("chat"));
        assertThat(chat.renderMessages(values(variables)), is(expected));
    }

    @Test
    void missingVariablesAreTheServersSorted() throws Exception {
        cluster.published("parity-missing", "{{zeta}} {{alpha}} {{#sec}}{{inner}}{{/sec}} {{m.n}} {{present}}");
        String variables = "{\"present\":1,\"alpha\":null}";
        Api.Reply server = serverRender("parity-missing", variables);
        assertThat(server.body(), server.status(), is(422));
        List<String> expected = server.json().getJsonArray("missing").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).toList();
        MissingVariablesException e = assertThrows(MissingVariablesException.class,
                                                   () -> client.prompt("parity-missing").render(values(variables)));
        assertThat(e.missing(), is(expected));
    }

    /** The server's {@code POST …/render} of the prompt, with the application's API key. */
    private static Api.Reply serverRender(String slug, String variables) {
        return cluster.prompts.render(cluster.project, cluster.key, slug, "{\"variables\":" + variables + "}");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> values(String json) throws Exception {
        return VALUES.readValue(json, Map.class);
    }
}
