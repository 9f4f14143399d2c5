package dev.px0.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;


/**
 * px0's client: prompts fetched once, then rendered inside the application with no network call, and kept current
 * by px0's change stream: a version published, rolled back or deleted through any px0 node is what the next
 * {@link #prompt(String)} returns, within milliseconds.
 *
 * <pre>{@code
 * Px0Client client = Px0Client.builder()
 *         .baseUrl("http://localhost:3000").apiKey("px0_…").project("support")
 *         .build();                       // or Px0Client.fromEnvironment(): PX0_URL, PX0_API_KEY, PX0_PROJECT
 * Prompt p = client.prompt("reply");             // what label production points at
 * Prompt s = client.prompt("reply", "staging");  // any label
 * Prompt v = client.prompt("reply", 2);          // one version number
 * String text = p.render(Map.of("customer", "Ada", "topic", "billing"));
 * List<Message> messages = chat.renderMessages(variables);   // record Message(String role, String content)
 * p.slug(); p.version(); p.label(); p.type(); p.config(); p.variables();
 * client.close();
 * }</pre>
 *
 * <p>{@code render} of a text prompt returns exactly the {@code text} that {@code POST …/render} returns for the same
 * variables; {@code renderMessages} exactly its {@code messages}. Missing variables throw
 * {@link MissingVariablesException}, whose {@link MissingVariablesException#missing() missing()} lists them sorted,
 * as the server's 422 does. An unknown prompt, label or version throws {@link PromptNotFoundException}.
 *
 * <p>With a snapshot and fallbacks:
 *
 * <pre>{@code
 * try (Px0Client client = Px0Client.builder()
 *         .baseUrl("http://localhost:3000").apiKey("px0_…").project("support")
 *         .snapshot(Path.of("px0-prompts.json"))           // optional: served when starting while px0 is down
 *         .fallback("reply", "Hello {{customer}}.")         // optional: served when nothing else knows "reply"
 *         .build()) {
 *     String text = client.prompt("reply").render(Map.of("customer", "Ada"));
 * }
 * }</pre>
 *
 * <p><b>When px0 is away</b>, nothing fails that worked before: what the client holds is served as it was
 * (stale is better than a failed LLM call), a client started while px0 is down serves its snapshot, and a prompt
 * nothing knows is served from its fallback without waiting longer than the connect timeout (a px0 that accepts the
 * connection but does not answer is given the connect + request timeout); once the client knows px0 is away (its
 * change stream is lost), such a prompt is served from its fallback at once, and fetched from px0 again when the
 * stream is back. Each of these logs
 * one WARN line per episode (until px0 is back) and counts in the metric {@code px0.client.stale_serves}.
 *
 * <p>One background thread keeps the stream open; it reconnects with a jittered backoff (at most 5 s) and on every
 * (re)connect revalidates what is held ({@code If-None-Match}, {@code 304} when unchanged). Thread-safe. The API
 * key appears in no log line and no exception message. {@link #close()} stops everything.
 */
public final class Px0Client implements AutoCloseable {

    private static final String PRODUCTION = "production";
    private static final String ENV_URL = "PX0_URL";
    private static final String ENV_API_KEY = "PX0_API_KEY";
    private static final String ENV_PROJECT = "PX0_PROJECT";

    private final ExecutorService httpThreads;
    private final HttpClient http;
    private final ScheduledExecutorService timer;
    private final HeldPrompts store;
    private final Availability availability;
    private final ChangeStream stream;
    private volatile boolean closed;

    private Px0Client(Builder b) {
        ChangeStream[] streamRef = new ChangeStream[1];
        Telemetry telemetry = Telemetry.detect(() -> streamRef[0] != null && streamRef[0].connected());
        Map<String, Prompt> fallbacks = new HashMap<>();
        b.fallbacks.forEach((slug, parts) -> fallbacks.put(slug, new Prompt(
                slug, 0, null, parts.size() == 1 && parts.get(0).role() == null ? "text" : "chat", Map.of(), parts,
                null, Prompt.Origin.FALLBACK, telemetry)));
        this.httpThreads = Executors.newCachedThreadPool(daemon("px0-client-http"));
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("px0-client-timer"));
        this.http = HttpClient.newBuilder().connectTimeout(b.connectTimeout).executor(httpThreads)
                .version(HttpClient.Version.HTTP_1_1).build();
        URI projectBase = URI.create(b.baseUrl.replaceAll("/+$", "") + "/v1/projects/" + Fetcher.encode(b.project) + "/");
        Fetcher fetcher = new Fetcher(http, projectBase, b.apiKey, b.connectTimeout.plus(b.requestTimeout), telemetry);
        this.store = new HeldPrompts(fetcher, b.snapshot == null ? null : new Snapshot(b.snapshot, b.project), telemetry);
        this.availability = new Availability(store, fallbacks, telemetry);
        this.stream = new ChangeStream(http, projectBase.resolve("events"), b.apiKey, b.connectTimeout, b.streamIdleTimeout,
                                       new StreamEvents(store, availability, () -> closed));
        streamRef[0] = stream;
        store.loadSnapshot();
        stream.start();
        long check = Math.max(100, b.streamIdleTimeout.toMillis() / 3);
        timer.scheduleWithFixedDelay(stream::checkIdle, check, check, TimeUnit.MILLISECONDS);
    }

    /** A builder; {@code baseUrl}, {@code apiKey} and {@code project} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A client configured by the environment variables {@code PX0_URL} (px0's address), {@code PX0_API_KEY} and
     * {@code PX0_PROJECT} (the project's slug), with the builder's defaults for everything else.
     *
     * @throws IllegalArgumentException naming every variable that is not set (or blank), or saying that
     *                                  {@code PX0_URL} is not an http(s) URL; never with the API key in it
     */
    public static Px0Client fromEnvironment() {
        return fromEnvironment(System::getenv);
    }

    /** {@link #fromEnvironment()} reading its variables from {@code env} (tests). */
    static Px0Client fromEnvironment(Function<String, String> env) {
        return builderFromEnvironment(env).build();
    }

    /** A builder with the three variables of {@link #fromEnvironment()} set; refuses missing ones, all named. */
    static Builder builderFromEnvironment(Function<String, String> env) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String name : List.of(ENV_URL, ENV_API_KEY, ENV_PROJECT)) {
            String value = env.apply(name);
            if (value == null || value.isBlank()) {
                missing.add(name);
            }
            values.put(name, value == null ? null : value.strip());
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(String.join(", ", missing) + (missing.size() == 1 ? " is" : " are")
                                               + " not set: Px0Client.fromEnvironment() needs " + ENV_URL + ", "
                                               + ENV_API_KEY + " and " + ENV_PROJECT);
        }
        return builder().baseUrl(values.get(ENV_URL)).apiKey(values.get(ENV_API_KEY)).project(values.get(ENV_PROJECT));
    }

    /**
     * The version label {@code production} points at. Fetched from px0 the first time, from memory after that.
     *
     * @throws PromptNotFoundException  if px0 has no such prompt or label
     * @throws Px0UnavailableException  if px0 cannot be reached (or refuses the API key) and neither memory,
     *                                  snapshot nor fallback knows it
     */
    public Prompt prompt(String slug) {
        return prompt(slug, PRODUCTION);
    }

    /** The version a label points at (see {@link #prompt(String)}). */
    public Prompt prompt(String slug, String label) {
        Objects.requireNonNull(label, "label");
        return serve(new HeldPrompts.Key(Objects.requireNonNull(slug, "slug"), label, false));
    }

    /** One version, by number (see {@link #prompt(String)}). */
    public Prompt prompt(String slug, int version) {
        return serve(new HeldPrompts.Key(Objects.requireNonNull(slug, "slug"), Integer.toString(version), true));
    }

    private Prompt serve(HeldPrompts.Key key) {
        if (closed) {
            throw new IllegalStateException("the px0 client is closed");
        }
        return availability.serve(key);
    }

    /** Stops the stream and its threads; later calls to {@link #prompt} throw {@link IllegalStateException}. */
    @Override
    public void close() {
        closed = true;
        store.close();
        stream.close();
        timer.shutdownNow();
        httpThreads.shutdownNow();
        try {
            HttpClient.class.getMethod("shutdownNow").invoke(http); // Java 21+: its selector thread ends now too
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Java 17 to 20: the selector thread ends once the client is unreachable
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicLong count = new AtomicLong();
        return r -> {
            Thread t = new Thread(r, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Configures a {@link Px0Client}. Not thread-safe; {@link #build()} may be called once per client. */
    public static final class Builder {
        private String baseUrl;
        private String apiKey;
        private String project;
        private Path snapshot;
        private final Map<String, List<Prompt.Part>> fallbacks = new HashMap<>();
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Duration requestTimeout = Duration.ofSeconds(5);
        private Duration streamIdleTimeout = Duration.ofSeconds(45);

        private Builder() {
        }

        /** px0's address, such as {@code http://localhost:3000}. */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        /** An API key of the project ({@code px0_…}, scope {@code read} is enough). Never logged. */
        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        /** The project's slug. */
        public Builder project(String project) {
            this.project = project;
            return this;
        }

        /**
         * A file kept up to date with every prompt the client holds, after every change; read at start-up, so a
         * client that starts while px0 is down serves the last known prompts. Holds no secret.
         */
        public Builder snapshot(Path file) {
            this.snapshot = Objects.requireNonNull(file, "file");
            return this;
        }

        /**
         * A text template to serve for {@code slug} (any label or version) when px0 cannot be reached and neither
         * memory nor snapshot knows the prompt. Its {@link Prompt#version()} is 0.
         *
         * @throws dev.px0.template.InvalidTemplateException if the template does not compile
         */
        public Builder fallback(String slug, String template) {
            fallbacks.put(Objects.requireNonNull(slug, "slug"),
                          List.of(new Prompt.Part(null, dev.px0.template.PromptTemplate.compile(template))));
            return this;
        }

        /** The chat variant of {@link #fallback(String, String)}: each message's content is a template. */
        public Builder fallback(String slug, List<Message> messages) {
            if (messages.isEmpty()) {
                throw new IllegalArgumentException("a chat fallback needs at least one message");
            }
            List<Prompt.Part> parts = new ArrayList<>();
            for (Message m : messages) {
                parts.add(new Prompt.Part(Objects.requireNonNull(m.role(), "role"),
                                          dev.px0.template.PromptTemplate.compile(m.content())));
            }
            fallbacks.put(Objects.requireNonNull(slug, "slug"), List.copyOf(parts));
            return this;
        }

        /** Longest wait to connect to px0 (default 2 s): a client with px0 away waits no longer before falling back. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /**
         * Longest wait for px0's answer once connected (default 5 s): a px0 that accepts connections but does not
         * answer is given the connect timeout plus this one before a prompt falls back.
         */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout, "requestTimeout");
            return this;
        }

        /**
         * How long the change stream may stay silent before it is taken for dead and reopened (default 45 s, three
         * of px0's default heartbeats).
         */
        public Builder streamIdleTimeout(Duration timeout) {
            this.streamIdleTimeout = positive(timeout, "streamIdleTimeout");
            return this;
        }

        /** The client, its stream opening in the background; returns at once, even when px0 is down. */
        public Px0Client build() {
            require(baseUrl, "baseUrl (PX0_URL)");
            require(apiKey, "apiKey (PX0_API_KEY)");
            require(project, "project (PX0_PROJECT)");
            URI uri;
            try {
                uri = URI.create(baseUrl);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("baseUrl (PX0_URL) is not a URL");
            }
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("baseUrl (PX0_URL) must be an http:// or https:// URL");
            }
            return new Px0Client(this);
        }

        private static void require(String value, String name) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(name + " is required");
            }
        }

        private static Duration positive(Duration d, String name) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return d;
        }
    }
}
