package dev.px0.template.go;

import java.nio.charset.StandardCharsets;

/** A template and its variables (JSON bytes), compared between the Java engine and Go. */
record Case(String label, String name, String template, byte[] data) {

    Case(String label, String template, String json) {
        this(label, "prompt", template, json.getBytes(StandardCharsets.UTF_8));
    }

    String json() {
        return new String(data, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return label + ": template " + GoStringsView.show(template) + " with " + GoStringsView.show(json());
    }
}
