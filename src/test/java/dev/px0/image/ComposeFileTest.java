package dev.px0.image;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.px0.health.HealthProbe;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

/**
 * docker-compose.yml runs the image Jib builds (no Dockerfile, never pulled) and checks it with the image's own
 * probe, keeping its AOT cache on a volume. What podman-compose 1.0.3 can check offline is in the README; this holds the file to what the image is.
 */
class ComposeFileTest {

    @Test
    @SuppressWarnings("unchecked")
    void px0RunsTheLoadedJibImageWithItsHealthProbe() throws IOException {
        Map<String, Object> compose;
        try (Reader reader = Files.newBufferedReader(Path.of("docker-compose.yml"))) {
            compose = new Yaml().load(reader);
        }
        Map<String, Object> px0 = (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get("px0");

        assertThat("no build from source", px0.containsKey("build"), is(false));
        assertThat(px0.get("image"), is("${PX0_IMAGE:-px0:latest}")); // the tag pom.xml gives the image
        assertThat(px0.get("pull_policy"), is("never"));
        String pom = Files.readString(Path.of("pom.xml"));
        assertThat(pom, containsString("<tag>latest</tag>"));

        List<String> test = (List<String>) ((Map<String, Object>) px0.get("healthcheck")).get("test");
        assertThat(test.getFirst(), is("CMD"));
        assertThat(test, hasItem(HealthProbe.class.getName()));
        assertThat("the health probe's class directory", test.get(test.indexOf("-cp") + 1), is("/app/classes"));
        // the AOT cache the image's entrypoint trains on the first run and uses after: kept on a named volume
        assertThat((List<String>) px0.get("volumes"), hasItem("px0-aot:/app/aot"));
        assertThat(((Map<String, Object>) compose.get("volumes")).containsKey("px0-aot"), is(true));
        assertThat(Files.readString(Path.of("src/main/image/bin/px0")), containsString("${PX0_AOT_DIR:-/app/aot}"));
        // passed through by name (podman-compose 1.0.3 leaves "${X:-}" unexpanded), unset when the shell has none
        Map<String, Object> env = (Map<String, Object>) px0.get("environment");
        for (String name : List.of("PX0_ADMIN_EMAIL", "PX0_ADMIN_PASSWORD", "PX0_SMTP_PASSWORD")) {
            assertThat(name, env.containsKey(name), is(true));
            assertThat(name, env.get(name), is((Object) null));
        }
    }
}
