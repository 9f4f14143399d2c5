package dev.px0.cache;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** The channel's messages: what changed travels with a prompt message, and the three-word form still reads. */
class InvalidationTest {

    private static final UUID PROJECT = UUID.fromString("6f1c1e7a-3b0e-4a59-9a39-2f6e1a1c0b11");

    @Test
    void everyEventReadsBackAsWritten() {
        for (Invalidation event : List.of(
                new Invalidation.Prompt(PROJECT, "reply", new Invalidation.Change.Label("production", 3)),
                new Invalidation.Prompt(PROJECT, "reply", new Invalidation.Change.Label("staging", null)),
                new Invalidation.Prompt(PROJECT, "reply", new Invalidation.Change.Existence(true)),
                new Invalidation.Prompt(PROJECT, "reply", new Invalidation.Change.Existence(false)),
                new Invalidation.Prompt(PROJECT, "reply"),
                new Invalidation.ApiKey(PROJECT),
                new Invalidation.Purge())) {
            assertThat(event.encode(), Invalidation.decode(event.encode()), is(Optional.of(event)));
        }
        assertThat(new Invalidation.Prompt(PROJECT, "reply", new Invalidation.Change.Label("production", 3)).encode(),
                   is("prompt " + PROJECT + " reply label production 3"));
    }

    @Test
    void anEarlierNodesMessageIsAChangeWithoutDetail() {
        assertThat(Invalidation.decode("prompt " + PROJECT + " reply"),
                   is(Optional.of(new Invalidation.Prompt(PROJECT, "reply", new Invalidation.Change.Unspecified()))));
    }

    @Test
    void aMalformedMessageIsIgnored() {
        for (String message : List.of("prompt " + PROJECT + " reply label production", "prompt " + PROJECT
                + " reply label production three", "prompt not-a-uuid reply", "prompt " + PROJECT + " reply deleted x",
                                      "nonsense")) {
            assertThat(message, Invalidation.decode(message), is(Optional.empty()));
        }
    }
}
