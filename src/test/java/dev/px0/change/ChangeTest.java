package dev.px0.change;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** The channel's messages: what changed travels with a prompt message, and the three-word form still reads. */
class ChangeTest {

    private static final UUID PROJECT = UUID.fromString("6f1c1e7a-3b0e-4a59-9a39-2f6e1a1c0b11");

    @Test
    void everyEventReadsBackAsWritten() {
        for (Change event : List.of(
                new Change.Prompt(PROJECT, "reply", new Change.Detail.Label("production", 3)),
                new Change.Prompt(PROJECT, "reply", new Change.Detail.Label("staging", null)),
                new Change.Prompt(PROJECT, "reply", new Change.Detail.Existence(true)),
                new Change.Prompt(PROJECT, "reply", new Change.Detail.Existence(false)),
                new Change.Prompt(PROJECT, "reply"),
                new Change.ApiKey(PROJECT),
                new Change.Purge())) {
            assertThat(event.encode(), Change.decode(event.encode()), is(Optional.of(event)));
        }
        assertThat(new Change.Prompt(PROJECT, "reply", new Change.Detail.Label("production", 3)).encode(),
                   is("prompt " + PROJECT + " reply label production 3"));
    }

    @Test
    void anEarlierNodesMessageIsAChangeWithoutDetail() {
        assertThat(Change.decode("prompt " + PROJECT + " reply"),
                   is(Optional.of(new Change.Prompt(PROJECT, "reply", new Change.Detail.Unspecified()))));
    }

    @Test
    void aMalformedMessageIsIgnored() {
        for (String message : List.of("prompt " + PROJECT + " reply label production", "prompt " + PROJECT
                + " reply label production three", "prompt not-a-uuid reply", "prompt " + PROJECT + " reply deleted x",
                                      "nonsense")) {
            assertThat(message, Change.decode(message), is(Optional.empty()));
        }
    }
}
