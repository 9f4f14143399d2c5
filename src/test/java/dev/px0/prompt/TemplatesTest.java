package dev.px0.prompt;

import java.io.StringReader;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TemplatesTest {

    @Test
    void variablesAreTheTopLevelNamesSorted() {
        assertThat(Templates.compile("{{b}} {{a.x}} {{#items}}{{inner}}{{/items}} {{^absent}}none{{/absent}} {{b}}")
                           .variables(), is(List.of("a.x", "b", "items")));
    }

    @Test
    void invertedSectionsNeedNoVariable() {
        assertThat(Templates.render(Templates.compile("{{^vip}}regular{{/vip}}"), vars("{}")), is("regular"));
        assertThat(Templates.render(Templates.compile("{{^vip}}regular{{/vip}}"), vars("{\"vip\": true}")), is(""));
    }

    @Test
    void missingNamesAreAllReportedSorted() {
        var e = assertThrows(Templates.MissingVariables.class,
                             () -> Templates.render(Templates.compile("{{z}} {{a}} {{m.n}}"), vars("{\"m\": {}}")));
        assertThat(e.names(), is(List.of("a", "m.n", "z")));
    }

    @Test
    void aNameMissingInsideASectionIsReportedToo() {
        var e = assertThrows(Templates.MissingVariables.class,
                             () -> Templates.render(Templates.compile("{{#items}}{{title}}{{/items}}"),
                                                    vars("{\"items\": [{\"name\": \"x\"}]}")));
        assertThat(e.names(), is(List.of("title")));
    }

    @Test
    void noEscapingAndNumbersAsWritten() {
        assertThat(Templates.render(Templates.compile("{{a}} {{n}}"), vars("{\"a\": \"<&'\\\">\", \"n\": 1.50}")),
                   is("<&'\"> 1.50"));
    }

    @Test
    void brokenTemplatesAndPartialsAreRefused() {
        assertThat(assertThrows(Templates.InvalidTemplate.class, () -> Templates.compile("{{#a}} open")).getMessage(),
                   is("section a is not closed at line 1, column 1"));
        assertThrows(Templates.InvalidTemplate.class, () -> Templates.compile("{{> other}}"));
    }

    private static JsonObject vars(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }
}
