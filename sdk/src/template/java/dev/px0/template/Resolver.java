package dev.px0.template;

import java.io.Writer;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;

/**
 * How names resolve: by JSON semantics only. The engine's reflective lookup (methods, fields, getters) is replaced
 * by this collector, so a name is only ever a key of a {@code Map}; a section iterates only a {@code List}.
 *
 * <p>A name is tried in each context from the innermost (the current section's item) out to the variables; the
 * first context where the whole dotted path leads to a non-null value gives it. A value that is {@code null} is
 * treated exactly as an absent key. When the variables lack it too, the name is recorded as missing (and renders
 * empty, so that one render lists every missing name); an inverted section's name is never missing.
 */
final class Resolver implements Mustache.Collector, Mustache.Formatter {

    static final Resolver INSTANCE = new Resolver();

    /** The marker {@link Scanner} puts before an inverted section's name. */
    static final char INVERTED = '^';

    /** The variables of one render: the outermost context. */
    static final class Root {
        final Map<?, ?> variables;

        Root(Map<?, ?> variables) {
            this.variables = variables;
        }
    }

    /** An array element that is {@code null}: it enters its section, and {@code {{.}}} of it is missing. */
    static final class NullItem {
        static final NullItem INSTANCE = new NullItem();
    }

    /** What one render has used and found missing; one per render, on the rendering thread. */
    static final class State {
        final TreeSet<String> missing = new TreeSet<>();
        long steps;
        long output; // characters written

        void step() {
            if (++steps > PromptTemplate.MAX_RENDER_STEPS) {
                throw new RenderLimitException("render took more than " + PromptTemplate.MAX_RENDER_STEPS
                                               + " steps (sections over large lists nested in each other)");
            }
        }
    }

    private static final ThreadLocal<State> STATE = new ThreadLocal<>();

    private static final Mustache.VariableFetcher ROOT = (ctx, name) -> {
        step();
        boolean inverted = name.charAt(0) == INVERTED;
        String key = inverted ? name.substring(1) : name;
        Object value = path(((Root) ctx).variables, key);
        if (value != null) {
            return value;
        }
        if (inverted) {
            return Boolean.FALSE;
        }
        missing(key);
        return ""; // renders nothing, enters no section; the render then fails listing every missing name
    };

    private static final Mustache.VariableFetcher MAP = (ctx, name) -> {
        step();
        Object value = path((Map<?, ?>) ctx, name.charAt(0) == INVERTED ? name.substring(1) : name);
        return value == null ? Template.NO_FETCHER_FOUND : value;
    };

    private static final Mustache.VariableFetcher NONE = (ctx, name) -> {
        step();
        return Template.NO_FETCHER_FOUND;
    };

    private Resolver() {
    }

    /** Runs a render with the given state (shared by the templates of one render); the engine's exceptions pass. */
    static void run(Template template, Root root, Writer out, State state) {
        State outer = STATE.get();
        STATE.set(state);
        try {
            template.execute(root, out);
        } finally {
            if (outer == null) {
                STATE.remove();
            } else {
                STATE.set(outer);
            }
        }
    }

    private static void step() {
        State state = STATE.get();
        if (state != null) {
            state.step();
        }
    }

    private static void missing(String name) {
        State state = STATE.get();
        if (state != null) {
            state.missing.add(name);
        }
    }

    /** The non-null value at a dotted path of keys, or null. */
    private static Object path(Map<?, ?> map, String name) {
        Object value = map;
        int start = 0;
        while (true) {
            int dot = name.indexOf('.', start);
            String key = dot < 0 ? (start == 0 ? name : name.substring(start)) : name.substring(start, dot);
            if (!(value instanceof Map<?, ?> m)) {
                return null;
            }
            value = m.get(key);
            if (value == null || dot < 0) {
                return value;
            }
            start = dot + 1;
        }
    }

    @Override
    public Iterator<?> toIterator(Object value) {
        if (value instanceof List<?> list) {
            return new Items(list);
        }
        if ((value instanceof String s && s.isEmpty()) || (value instanceof Map<?, ?> m && m.isEmpty())) {
            return Collections.emptyIterator(); // not entered; an inverted section is
        }
        return null; // true/false: the engine's boolean rule; anything else: entered once, as the context
    }

    @Override
    public Mustache.VariableFetcher createFetcher(Object ctx, String name) {
        if (ctx instanceof Root) {
            return ROOT;
        }
        return ctx instanceof Map ? MAP : NONE;
    }

    @Override
    public <K, V> Map<K, V> createFetcherCache() {
        return new ConcurrentHashMap<>();
    }

    @Override
    public CharSequence format(Object value) {
        if (value instanceof Root root) {
            return Values.text(root.variables);
        }
        if (value instanceof NullItem) {
            missing(".");
            return "";
        }
        return Values.text(value);
    }

    /** An array's items, each a step of the render; a null item becomes {@link NullItem}. */
    private static final class Items implements Iterator<Object> {
        private final List<?> list;
        private int next;

        Items(List<?> list) {
            this.list = list;
        }

        @Override
        public boolean hasNext() {
            return next < list.size();
        }

        @Override
        public Object next() {
            if (next >= list.size()) {
                throw new NoSuchElementException();
            }
            step();
            Object item = list.get(next++);
            return item == null ? NullItem.INSTANCE : item;
        }
    }
}
