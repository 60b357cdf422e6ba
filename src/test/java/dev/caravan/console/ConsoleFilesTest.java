package dev.caravan.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The console's files: a plain name from the path, its type, ETag revalidation, and nothing else found. */
class ConsoleFilesTest {
    private static final CamelContext CONTEXT = new DefaultCamelContext();
    private final ConsoleFiles files = new ConsoleFiles();

    @AfterAll
    static void close() throws Exception {
        CONTEXT.close();
    }

    @Test
    void consoleItselfIsTheAppsPage() {
        assertEquals("index.html", ConsoleFiles.fileName("/console"));
        assertEquals("index.html", ConsoleFiles.fileName("/console/"));
        assertEquals("app.js", ConsoleFiles.fileName("/console/app.js"));
    }

    @Test
    void onlyAPlainFileNameOfTheAppIsFound() {
        assertTrue(files.find("app.js").isPresent());
        for (String name : new String[] {"../pom.xml", "..", "a/app.js", "%2e%2e", "App.js", ".app.js", "app.js/",
                "app..js", "app.properties", "app", "nope.js", "app.js\u0000.css", "..\\pom.xml"}) {
            assertTrue(files.find(name).isEmpty(), name);
        }
    }

    @Test
    void fileIsAnsweredWithItsTypeAnETagAndTheSecurityHeaders() {
        Exchange answer = serve("/console/console.css", null);
        assertEquals(200, answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
        assertEquals("text/css; charset=utf-8", answer.getMessage().getHeader(Exchange.CONTENT_TYPE));
        assertEquals("no-cache", answer.getMessage().getHeader("Cache-Control"));
        assertEquals(ConsoleFiles.CONTENT_SECURITY_POLICY, answer.getMessage().getHeader("Content-Security-Policy"));
        assertTrue(ConsoleFiles.CONTENT_SECURITY_POLICY.startsWith("default-src 'self';"));
        assertTrue(answer.getMessage().getBody(byte[].class).length > 0);
    }

    @Test
    void unchangedFileIsA304WithoutBody() {
        String etag = serve("/console/app.js", null).getMessage().getHeader("ETag", String.class);
        Exchange again = serve("/console/app.js", etag);
        assertEquals(304, again.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
        assertNull(again.getMessage().getBody());
        assertEquals(200, serve("/console/app.js", "\"other\"").getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
    }

    @Test
    void unknownFileIs404WithTheSecurityHeadersToo() {
        Exchange answer = serve("/console/../config/application.properties", null);
        assertEquals(404, answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
        assertEquals("nosniff", answer.getMessage().getHeader("X-Content-Type-Options"));
    }

    private Exchange serve(String path, String ifNoneMatch) {
        Exchange exchange = new DefaultExchange(CONTEXT);
        exchange.getMessage().setHeader(Exchange.HTTP_PATH, path);
        if (ifNoneMatch != null) {
            exchange.getMessage().setHeader("If-None-Match", ifNoneMatch);
        }
        files.serve(exchange);
        return exchange;
    }
}
