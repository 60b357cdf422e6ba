package dev.caravan.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.RoutePolicySupport;
import org.junit.jupiter.api.Test;

/** Start-up fails when a job type has no route or a route under the job policy has no job type. */
class JobRoutesCheckTest {
    @Test
    void everyTypeWithItsJobRouteIsFine() {
        assertEquals(List.of(), JobRoutesCheck.problems(Set.of("csv_file_load", "inbox-load"),
                Set.of("csv_file_load", "inbox-load", "inbox-watch"), Set.of("csv_file_load", "inbox-load")));
    }

    @Test
    void aTypeWithoutItsRouteIsNamed() {
        assertEquals(List.of("job type inbox-load has no route with id inbox-load"),
                JobRoutesCheck.problems(Set.of("inbox-load"), Set.of("inbox-watch"), Set.of()));
    }

    @Test
    void aJobRouteWithoutItsTypeIsNamed() {
        List<String> problems = JobRoutesCheck.problems(Set.of(), Set.of("ftp-load"), Set.of("ftp-load"));
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("route ftp-load has routePolicy jobPolicy but no job definition"),
                problems::toString);
    }

    @Test
    void aContextWithAnUnlistedJobRouteDoesNotStart() throws Exception {
        RoutePolicySupport jobPolicy = new RoutePolicySupport() {
        };
        try (CamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:csv_file_load").routeId("csv_file_load").routePolicy(jobPolicy).log("load");
                    from("direct:ftp-load").routeId("ftp-load").routePolicy(jobPolicy).log("load");
                }
            });
            context.addStartupListener(new JobRoutesCheck(Map.of("csv_file_load", new RouteStartedJob("csv_file_load"),
                    "inbox-load", new RouteStartedJob("inbox-load")), jobPolicy));
            Exception failure = assertThrows(Exception.class, context::start);
            String message = String.valueOf(failure.getMessage()) + " / " + String.valueOf(rootMessage(failure));
            assertTrue(message.contains("job type inbox-load has no route with id inbox-load"), message);
            assertTrue(message.contains("route ftp-load has routePolicy jobPolicy but no job definition"), message);
            assertTrue(context.getRouteController().getRouteStatus("ftp-load") == null
                    || !context.getRouteController().getRouteStatus("ftp-load").isStarted(), "no job route started");
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable cause = t;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
