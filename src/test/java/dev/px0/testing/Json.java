package dev.px0.testing;

import jakarta.json.JsonObjectBuilder;

/** Request bodies for tests: {@code Json.body("email", e, "password", p)}. */
public final class Json {

    private Json() {
    }

    public static String body(String... namesAndValues) {
        JsonObjectBuilder builder = jakarta.json.Json.createObjectBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            builder.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return builder.build().toString();
    }
}
