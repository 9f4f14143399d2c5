package dev.px0.client;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import dev.px0.prompt.PromptFixture;
import dev.px0.testing.Api;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The public API in the exact shape issue 11 gives it: its example, compiled and run here against a real px0 (a
 * change of shape breaks this file's compilation), and the public members of each type, so that nothing is added or
 * dropped unnoticed.
 */
class PublicApiTest {

    @Test
    void theIssuesExampleRunsAsWritten() {
        Cluster cluster = Cluster.get();
        String project = cluster.project;
        String admin = cluster.admin;
        PromptFixture prompts = cluster.prompts;
        prompts.prompt(project, admin, "api-reply", "text");
        int v1 = prompts.version(project, admin, "api-reply", "Dear {{customer}}, about {{topic}}: v1");
        Api.Reply withConfig = prompts.api.json(io.helidon.http.Method.POST, PromptFixture.base(project, "api-reply") + "/versions", admin,
                                                "{\"template\":\"Dear {{customer}}, about {{topic}}: v2\","
                                                + "\"config\":{\"model\":\"m-1\",\"temperature\":0.5}}");
        assertThat(withConfig.body(), withConfig.status(), is(201));
        int v2 = withConfig.json().getJsonObject("version").getInt("number");
        int v3 = prompts.version(project, admin, "api-reply", "Dear {{customer}}, about {{topic}}: v3");
        cluster.label(prompts, "api-reply", "production", v3);
        cluster.label(prompts, "api-reply", "staging", v1);
        prompts.prompt(project, admin, "api-chat", "chat");
        int chatVersion = prompts.chatVersion(project, admin, "api-chat",
                                              "[{\"role\":\"system\",\"content\":\"Support for {{topic}}.\"},"
                                              + "{\"role\":\"user\",\"content\":\"I am {{customer}}.\"}]");
        cluster.label(prompts, "api-chat", "production", chatVersion);
        Map<String, Object> variables = Map.of("customer", "Ada", "topic", "billing");

        // issue 11, "Public API", as written (with the cluster's address, key and project)
        Px0Client client = Px0Client.builder()
                .baseUrl(cluster.a.url()).apiKey(cluster.key).project(project)
                .build();
        Prompt p = client.prompt("api-reply");             // what label production points at
        Prompt s = client.prompt("api-reply", "staging");  // any label
        Prompt v = client.prompt("api-reply", 2);          // one version number
        String text = p.render(Map.of("customer", "Ada", "topic", "billing"));
        Prompt chat = client.prompt("api-chat");
        List<Message> messages = chat.renderMessages(variables);   // record Message(String role, String content)
        String slug = p.slug();
        int version = p.version();
        String label = p.label();
        String type = p.type();
        Map<String, Object> config = v.config();
        List<String> names = p.variables();

        assertThat(text, is("Dear Ada, about billing: v3"));
        assertThat(s.render(variables), is("Dear Ada, about billing: v1"));
        assertThat(v.render(variables), is("Dear Ada, about billing: v2"));
        assertThat(v.version(), is(v2));
        assertThat(v.label(), is((String) null));
        assertThat(s.label(), is("staging"));
        assertThat(messages, contains(new Message("system", "Support for billing."), new Message("user", "I am Ada.")));
        assertThat(messages.get(1).role(), is("user"));
        assertThat(messages.get(1).content(), is("I am Ada."));
        assertThat(slug, is("api-reply"));
        assertThat(version, is(v3));
        assertThat(label, is("production"));
        assertThat(type, is("text"));
        assertThat(chat.type(), is("chat"));
        assertThat(config, is(Map.of("model", "m-1", "temperature", 0.5)));
        assertThat(p.config(), is(Map.of()));
        assertThat(names, contains("customer", "topic"));

        MissingVariablesException missing = assertThrows(MissingVariablesException.class,
                                                         () -> p.render(Map.of("topic", "billing")));
        assertThat(missing.missing(), contains("customer"));
        assertThat(assertThrows(MissingVariablesException.class, () -> chat.renderMessages(Map.of())).missing(),
                   contains("customer", "topic"));
        assertThrows(PromptNotFoundException.class, () -> client.prompt("api-nothing"));
        assertThrows(PromptNotFoundException.class, () -> client.prompt("api-reply", "nolabel"));
        assertThrows(PromptNotFoundException.class, () -> client.prompt("api-reply", 99));
        client.close();
    }

    @Test
    void thePublicMembersAreTheIssuesAndNoMore() throws Exception {
        assertThat(publicMethods(Px0Client.class), is(new TreeSet<>(List.of(
                "static Builder builder()", "static Px0Client fromEnvironment()", "Prompt prompt(String)",
                "Prompt prompt(String,String)", "Prompt prompt(String,int)", "void close()"))));
        assertThat(AutoCloseable.class.isAssignableFrom(Px0Client.class), is(true));
        assertThat(publicMethods(Px0Client.Builder.class), is(new TreeSet<>(List.of(
                "Builder baseUrl(String)", "Builder apiKey(String)", "Builder project(String)", "Builder snapshot(Path)",
                "Builder fallback(String,String)", "Builder fallback(String,List)", "Builder connectTimeout(Duration)",
                "Builder requestTimeout(Duration)", "Builder streamIdleTimeout(Duration)", "Px0Client build()"))));
        assertThat(publicMethods(Prompt.class), is(new TreeSet<>(List.of(
                "String render(Map)", "List renderMessages(Map)", "String slug()", "int version()", "String label()",
                "String type()", "Map config()", "List variables()", "String toString()"))));
        assertThat(Message.class.isRecord(), is(true));
        assertThat(Arrays.stream(Message.class.getRecordComponents()).map(c -> c.getType().getSimpleName() + " " + c.getName())
                           .toList(), contains("String role", "String content"));
        assertThat(publicMethods(MissingVariablesException.class), is(new TreeSet<>(List.of("List missing()"))));
        assertThat(RuntimeException.class.isAssignableFrom(MissingVariablesException.class), is(true));
        assertThat(RuntimeException.class.isAssignableFrom(PromptNotFoundException.class), is(true));
        assertThat(Px0Client.Builder.class.getMethod("snapshot", Path.class).getReturnType(),
                   equalTo(Px0Client.Builder.class));
        assertThat(Px0Client.Builder.class.getMethod("fallback", String.class, List.class).getGenericParameterTypes()[1]
                           .getTypeName(), is("java.util.List<dev.px0.client.Message>"));
        assertThat(Prompt.class.getMethod("renderMessages", Map.class).getGenericReturnType().getTypeName(),
                   is("java.util.List<dev.px0.client.Message>"));
        assertThat(Prompt.class.getMethod("variables").getGenericReturnType().getTypeName(),
                   is("java.util.List<java.lang.String>"));
    }

    /** The public methods a type declares itself, as "[static ]ReturnType name(ParamType,…)" with simple names. */
    private static TreeSet<String> publicMethods(Class<?> type) {
        TreeSet<String> out = new TreeSet<>();
        for (Method m : type.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && !m.isSynthetic()) {
                out.add((Modifier.isStatic(m.getModifiers()) ? "static " : "") + m.getReturnType().getSimpleName() + " "
                        + m.getName() + "(" + String.join(",", Arrays.stream(m.getParameterTypes())
                        .map(Class::getSimpleName).toList()) + ")");
            }
        }
        return out;
    }
}
