package dev.px0.template.go;

/** The html, js and urlquery built-ins (text/template's HTMLEscapeString, JSEscapeString, url.QueryEscape). */
final class Escapers {

    private Escapers() {
    }

    static String html(String s, Budget budget) {
        budget.text(s.length());
        StringBuilder b = null;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            String r = switch (c) {
                case 0 -> "\uFFFD";
                case '"' -> "&#34;";
                case '\'' -> "&#39;";
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                default -> null;
            };
            if (r != null) {
                if (b == null) {
                    b = new StringBuilder(n + 16).append(s, 0, i);
                }
                b.append(r);
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? s : check(b, budget);
    }

    private static String check(StringBuilder b, Budget budget) {
        budget.checkText(b.length());
        return b.toString();
    }

    private static final String HEX = "0123456789ABCDEF";

    static String js(String s, Budget budget) {
        budget.text(s.length());
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0, n = s.length(); i < n; ) {
            char c = s.charAt(i);
            if (c < 0x80) {
                switch (c) {
                    case '\\' -> b.append("\\\\");
                    case '\'' -> b.append("\\'");
                    case '"' -> b.append("\\\"");
                    case '<' -> b.append("\\u003C");
                    case '>' -> b.append("\\u003E");
                    case '&' -> b.append("\\u0026");
                    case '=' -> b.append("\\u003D");
                    default -> {
                        if (c < ' ') {
                            b.append("\\u00").append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xF));
                        } else {
                            b.append(c);
                        }
                    }
                }
                i++;
                continue;
            }
            if (GoStrings.isEscape(c)) {
                b.append(c); // an invalid byte decodes as U+FFFD, printable: Go copies the byte
                i++;
                continue;
            }
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (GoUnicode.isPrint(cp)) {
                b.appendCodePoint(cp);
            } else {
                String hex = Integer.toHexString(cp).toUpperCase();
                b.append("\\u");
                for (int k = hex.length(); k < 4; k++) {
                    b.append('0');
                }
                b.append(hex);
            }
        }
        return check(b, budget);
    }

    static String urlquery(String s, Budget budget) {
        budget.text(s.length());
        byte[] bytes = GoStrings.toBytes(s);
        StringBuilder b = new StringBuilder(bytes.length + 16);
        for (byte x : bytes) {
            int c = x & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                b.append((char) c);
            } else if (c == ' ') {
                b.append('+');
            } else {
                b.append('%').append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xF));
            }
        }
        return check(b, budget);
    }
}
