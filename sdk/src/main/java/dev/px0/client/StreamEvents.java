package dev.px0.client;

import java.util.List;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;

/** Applies the change stream's events to what the client holds, on the stream's thread. */
final class StreamEvents implements ChangeStream.Listener {

    private final HeldPrompts store;
    private final Availability availability;
    private final BooleanSupplier closed;

    StreamEvents(HeldPrompts store, Availability availability, BooleanSupplier closed) {
        this.store = store;
        this.availability = availability;
        this.closed = closed;
    }

    @Override
    public void ready() {
        List<HeldPrompts.Key> fellBack = availability.back();
        store.revalidateAll();
        for (HeldPrompts.Key key : fellBack) {
            if (store.held(key) == null) {
                try {
                    store.fetch(key); // held when found; otherwise the next prompt(...) of it asks px0 again
                } catch (RuntimeException e) {
                    // not found (or not compilable): the next prompt(...) of it says so
                }
            }
        }
    }

    @Override
    public void event(String name, JsonNode data) {
        String slug = data.path("prompt").asText();
        store.changing(slug);
        switch (name) {
            case "label":
                store.labelMoved(slug, data.path("label").asText(), data.get("version"));
                break;
            case "prompt":
                store.promptChanged(slug, data.path("deleted").asBoolean());
                break;
            case "purge":
                ready();
                break;
            default:
                break; // an event of a later px0
        }
    }

    @Override
    public void lost(String reason) {
        availability.lost(reason, closed.getAsBoolean());
    }
}
