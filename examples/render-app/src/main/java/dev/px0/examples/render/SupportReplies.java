package dev.px0.examples.render;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.px0.client.Message;
import dev.px0.client.Px0Client;

/**
 * A support application's prompts, kept in px0 rather than in its code: the reply it drafts ({@code reply}, a text
 * prompt) and the messages it sends to its model to sort a ticket ({@code triage}, a chat prompt). Each render happens
 * here, in process, from the version px0 has published; px0 being away changes nothing that worked before.
 */
public final class SupportReplies implements AutoCloseable {

    /** What the application says when neither px0 nor its snapshot knows the reply prompt. */
    static final String FALLBACK_REPLY = "Hello {{customer}}, we got your message about {{topic}}.";

    private final Px0Client px0;

    public SupportReplies(Px0Client px0) {
        this.px0 = px0;
    }

    /**
     * The application's usual set-up: px0's address, API key and project from {@code PX0_URL}, {@code PX0_API_KEY}
     * and {@code PX0_PROJECT}, the last known prompts kept in {@code snapshot}, and a fallback for the reply.
     */
    public static SupportReplies connect(Map<String, String> env, Path snapshot) {
        return new SupportReplies(Px0Client.builder()
                .baseUrl(env.get("PX0_URL")).apiKey(env.get("PX0_API_KEY")).project(env.get("PX0_PROJECT"))
                .snapshot(snapshot)
                .fallback("reply", FALLBACK_REPLY)
                .build());
    }

    /** The reply to a customer about a topic, from the {@code reply} prompt that {@code production} points at. */
    public String reply(String customer, String topic) {
        return px0.prompt("reply").render(Map.of("customer", customer, "topic", topic));
    }

    /** The chat messages that ask the model to sort a ticket, from the {@code triage} prompt. */
    public List<Message> triage(String ticket) {
        return px0.prompt("triage").renderMessages(Map.of("ticket", ticket));
    }

    @Override
    public void close() {
        px0.close();
    }

    /** Prints a reply: {@code PX0_URL=… PX0_API_KEY=… PX0_PROJECT=… java … SupportReplies Ada billing}. */
    public static void main(String[] args) {
        try (SupportReplies replies = connect(System.getenv(), Path.of("px0-prompts.json"))) {
            System.out.println(replies.reply(args.length > 0 ? args[0] : "Ada", args.length > 1 ? args[1] : "billing"));
        }
    }
}
