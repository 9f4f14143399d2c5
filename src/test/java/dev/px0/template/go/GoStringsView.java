package dev.px0.template.go;

/** Shows strings in failure messages with control and non-ASCII characters escaped. */
final class GoStringsView {

    private GoStringsView() {
    }

    static String show(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c >= 0x20 && c < 0x7F) {
                b.append(c);
            } else if (c == '\n') {
                b.append("\\n");
            } else {
                b.append(String.format("\\u%04x", (int) c));
            }
        }
        return b.append('"').toString();
    }
}
