package dev.px0.template;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.TreeSet;

/**
 * Reads a template's source once, strictly, before the engine sees it: every tag is checked with its position, and
 * the engine gets the template back with each tag written in one canonical form (text between tags unchanged, so
 * the engine's whitespace rules apply as written). Inverted sections are marked for the resolver with a leading
 * {@code ^} in their name, which no valid name has (but for {@code .} and {@code this}, which the engine resolves).
 */
final class Scanner {

    /** What the engine compiles, and the names a caller must supply. */
    record Scanned(String engineSource, List<String> variables) {
    }

    private record Open(String name, boolean inverted, int at) {
    }

    private final String source;
    private final StringBuilder out;
    private final Deque<Open> open = new ArrayDeque<>();
    private final TreeSet<String> variables = new TreeSet<>();
    private int sections; // open sections that are not inverted: where {{.}} has an item

    private Scanner(String source) {
        this.source = source;
        this.out = new StringBuilder(source.length() + 16);
    }

    static Scanned scan(String source) {
        if (source == null) {
            throw new InvalidTemplateException("template is null", 1, 1);
        }
        checkSize(source, 0, "template larger than " + PromptTemplate.MAX_BYTES + " bytes");
        Scanner scanner = new Scanner(source);
        scanner.run();
        return new Scanned(scanner.out.toString(), List.copyOf(scanner.variables));
    }

    /**
     * Refuses a source whose UTF-8 encoding, after {@code bytesBefore} bytes of earlier sources, passes
     * {@link PromptTemplate#MAX_BYTES}; the position is that of the first character past the limit.
     */
    static void checkSize(String source, long bytesBefore, String what) {
        if (bytesBefore + source.length() * 3L <= PromptTemplate.MAX_BYTES) {
            return; // cannot pass it whatever the characters
        }
        long bytes = bytesBefore;
        for (int i = 0; i < source.length(); ) {
            int cp = source.codePointAt(i);
            bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes > PromptTemplate.MAX_BYTES) {
                throw at(source, i, what);
            }
            i += Character.charCount(cp);
        }
    }

    private void run() {
        int i = 0;
        int n = source.length();
        while (i < n) {
            int tag = source.indexOf("{{", i);
            int textEnd = tag < 0 ? n : tag;
            text(i, textEnd);
            if (tag < 0) {
                break;
            }
            i = tag(tag);
        }
        if (!open.isEmpty()) {
            Open last = open.peek();
            throw at(source, last.at(), (last.inverted() ? "inverted section " : "section ") + last.name()
                                        + " is not closed");
        }
    }

    /** Copies text between tags, refusing a {@code }}} that closes a tag opened with a single brace. */
    private void text(int from, int to) {
        out.append(source, from, to);
        for (int close = source.indexOf("}}", from); close >= 0 && close < to; close = source.indexOf("}}", close + 2)) {
            if (strayClose(from, close)) {
                throw at(source, close, "stray closing delimiter }} (a tag opens with {{)");
            }
        }
    }

    /** {@code {name}}}, {@code { #name }}}: a single brace, an optional sigil, a name, then {@code }}}. */
    private boolean strayClose(int from, int close) {
        int k = close - 1;
        while (k >= from && (source.charAt(k) == ' ' || source.charAt(k) == '\t')) {
            k--;
        }
        int nameEnd = k;
        while (k >= from && (Character.isLetterOrDigit(source.charAt(k)) || "_-.".indexOf(source.charAt(k)) >= 0)) {
            k--;
        }
        if (k == nameEnd) {
            return false;
        }
        while (k >= from && (source.charAt(k) == ' ' || source.charAt(k) == '\t')) {
            k--;
        }
        if (k >= from && "#^/&".indexOf(source.charAt(k)) >= 0) {
            k--;
        }
        while (k >= from && (source.charAt(k) == ' ' || source.charAt(k) == '\t')) {
            k--;
        }
        return k >= from && source.charAt(k) == '{';
    }

    /** Reads the tag opening at {@code at}; returns the index after it. */
    private int tag(int at) {
        int n = source.length();
        boolean triple = at + 2 < n && source.charAt(at + 2) == '{';
        int bodyStart = at + (triple ? 3 : 2);
        int first = bodyStart;
        while (first < n && (source.charAt(first) == ' ' || source.charAt(first) == '\t')) {
            first++;
        }
        if (!triple && first < n && source.charAt(first) == '!') {
            int close = source.indexOf("}}", first);
            if (close < 0) {
                throw at(source, at, "unclosed comment " + shown(source, at));
            }
            out.append("{{!}}");
            return close + 2;
        }
        int close = -1;
        for (int j = bodyStart; j < n; j++) {
            char c = source.charAt(j);
            if (c == '}' && j + 1 < n && source.charAt(j + 1) == '}') {
                close = j;
                break;
            }
            if (c == '\n' || c == '\r' || (c == '{' && j + 1 < n && source.charAt(j + 1) == '{')) {
                break;
            }
        }
        if (close < 0) {
            throw at(source, at, "unclosed tag " + shown(source, at));
        }
        int end = close + 2;
        String body = source.substring(bodyStart, close).trim();
        if (triple) {
            if (end >= n || source.charAt(end) != '}') {
                throw at(source, at, "tag " + clean(source.substring(at, end), 40) + " opened with {{{ and closed with }} instead of }}}");
            }
            end++;
            variable(at, body, "{{{", "}}}", true);
            return end;
        }
        char sigil = body.isEmpty() ? ' ' : body.charAt(0);
        String rest = body.isEmpty() ? "" : body.substring(1).trim();
        switch (sigil) {
            case '=' -> throw at(source, at, "delimiter changes ({{=...=}}) are not supported");
            case '>' -> throw at(source, at, "partials ({{> name}}) are not supported");
            case '<' -> throw at(source, at, "parent templates ({{< name}}) are not supported");
            case '$' -> throw at(source, at, "blocks ({{$ name}}) are not supported");
            case '&' -> variable(at, rest, "{{&", "}}", true);
            case '#', '^' -> openSection(at, rest, sigil == '^');
            case '/' -> closeSection(at, rest);
            default -> variable(at, body, "{{", "}}", false);
        }
        return end;
    }

    private void variable(int at, String name, String opener, String closer, boolean raw) {
        checkName(at, name);
        if (isCurrentItem(name)) {
            if (sections == 0) {
                throw at(source, at, opener + name + closer + " outside a section (it names the section's current item)");
            }
        } else if (open.isEmpty()) {
            variables.add(name);
        }
        out.append(raw ? "{{&" : "{{").append(name).append("}}");
    }

    private void openSection(int at, String name, boolean inverted) {
        String opener = inverted ? "{{^" : "{{#";
        checkName(at, name);
        if (isCurrentItem(name) && sections == 0) {
            throw at(source, at, opener + name + "}} outside a section (it names the section's current item)");
        }
        if (open.size() >= PromptTemplate.MAX_DEPTH) {
            throw at(source, at, "sections nested deeper than " + PromptTemplate.MAX_DEPTH);
        }
        if (open.isEmpty() && !inverted && !isCurrentItem(name)) {
            variables.add(name);
        }
        open.push(new Open(name, inverted, at));
        if (!inverted) {
            sections++;
        }
        out.append(!inverted ? "{{#" : isCurrentItem(name) ? "{{^" : "{{^^").append(name).append("}}");
    }

    private void closeSection(int at, String name) {
        checkName(at, name);
        Open section = open.peek();
        if (section == null) {
            throw at(source, at, "{{/" + name + "}} closes no open section");
        }
        if (!section.name().equals(name)) {
            int[] opened = position(source, section.at());
            throw at(source, at, "{{/" + name + "}} closes " + (section.inverted() ? "inverted section " : "section ")
                                 + section.name() + " (opened at line " + opened[0] + ", column " + opened[1] + ")");
        }
        open.pop();
        if (!section.inverted()) {
            sections--;
        }
        out.append(section.inverted() && !isCurrentItem(name) ? "{{/^" : "{{/").append(name).append("}}");
    }

    private void checkName(int at, String name) {
        if (name.isEmpty()) {
            throw at(source, at, "empty tag name in " + shownTag(at));
        }
        if (!validName(name)) {
            throw at(source, at, "invalid name '" + clean(name, 40) + "' (a name is letters, digits, _ and -; dotted names join names with .)");
        }
    }

    static boolean isCurrentItem(String name) {
        return name.equals(".") || name.equals("this");
    }

    /**
     * {@code .} or {@code this} (the current item), or segments joined by {@code .}: each a letter, digit or
     * {@code _}, then letters, digits, marks, {@code _} or {@code -}; no segment is {@code this}.
     */
    static boolean validName(String name) {
        if (isCurrentItem(name)) {
            return true;
        }
        int start = 0;
        while (true) {
            int dot = name.indexOf('.', start);
            int end = dot < 0 ? name.length() : dot;
            if (!validSegment(name, start, end)) {
                return false;
            }
            if (dot < 0) {
                return true;
            }
            start = dot + 1;
        }
    }

    private static boolean validSegment(String name, int start, int end) {
        if (start >= end || name.regionMatches(start, "this", 0, 4) && end - start == 4) {
            return false;
        }
        for (int i = start; i < end; ) {
            int cp = name.codePointAt(i);
            boolean ok = Character.isLetterOrDigit(cp) || cp == '_'
                         || (i > start && (cp == '-' || Character.getType(cp) == Character.NON_SPACING_MARK
                                           || Character.getType(cp) == Character.COMBINING_SPACING_MARK));
            if (!ok) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    /** The tag at {@code at} as written, for messages: up to its closing braces or the end of its line. */
    private String shownTag(int at) {
        int close = source.indexOf("}}", at + 2);
        int end = close < 0 ? source.length() : close + 2;
        if (end < source.length() && source.charAt(end) == '}' && source.startsWith("{{{", at)) {
            end++;
        }
        return clean(source.substring(at, end), 40);
    }

    /** The text from {@code at} to the end of its line, for messages. */
    private static String shown(String source, int at) {
        int end = at;
        while (end < source.length() && source.charAt(end) != '\n' && source.charAt(end) != '\r') {
            end++;
        }
        return clean(source.substring(at, end), 30);
    }

    /** No control characters and at most {@code max} characters, so a message is safe to log and to show. */
    static String clean(String text, int max) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < text.length() && b.length() < max; ) {
            int cp = text.codePointAt(i);
            b.appendCodePoint(Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT
                              || Character.getType(cp) == Character.LINE_SEPARATOR
                              || Character.getType(cp) == Character.PARAGRAPH_SEPARATOR ? '?' : cp);
            i += Character.charCount(cp);
        }
        if (b.length() < text.length() && b.length() >= max) {
            b.append("...");
        }
        return b.toString();
    }

    static InvalidTemplateException at(String source, int index, String what) {
        int[] p = position(source, index);
        return new InvalidTemplateException(what, p[0], p[1]);
    }

    /** Line and column (from 1) of a char index: lines end at \n; a column counts code points. */
    static int[] position(String source, int index) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < index && i < source.length(); ) {
            int cp = source.codePointAt(i);
            if (cp == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
            i += Character.charCount(cp);
        }
        return new int[] {line, column};
    }
}
