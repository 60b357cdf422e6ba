package dev.caravan.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.auth.Access;
import dev.caravan.auth.Authenticator;
import dev.caravan.auth.User;
import dev.caravan.core.HarperJson;
import dev.caravan.operations.OperationRegistry;
import dev.caravan.operations.OperationRequest;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.camel.StaticService;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedResource;

/**
 * Answers the requests that memory alone can answer (a running job's get_job) on the HTTP server's
 * event loop, once the body is read and before the API route: a poll then costs no hand-off to a
 * worker thread and back, which is most of what pollers of a running load took from it. Everything
 * else, including every error, goes on to the route (routes/operations.camel.yaml) unchanged; so do
 * users whose password has not been verified there yet, since that check is slow by design. What is
 * answered here is not an exchange of the operations-api route: JMX counts it in this service's
 * Answered (org.apache.camel:context=caravan,type=services,name=EventLoopAnswers).
 */
@ManagedResource(description = "Operations API requests answered from memory on the HTTP event loop")
public final class EventLoopAnswers implements Handler<RoutingContext>, StaticService {
    /** A poll is a few dozen bytes; larger bodies are not parsed twice. */
    static final int MAX_BODY_BYTES = 4096;

    private final Authenticator authenticator;
    private final OperationRegistry operations;
    private final AtomicLong answered = new AtomicLong();

    public EventLoopAnswers(Authenticator authenticator, OperationRegistry operations) {
        this.authenticator = authenticator;
        this.operations = operations;
    }

    @Override
    public void handle(RoutingContext routing) {
        Optional<String> answer;
        try {
            answer = answer(routing.request().getHeader("Authorization"), routing.body().buffer(),
                    operation -> RequestMetrics.operation(routing, operation));
        } catch (RuntimeException e) {
            answer = Optional.empty(); // the route answers it, with its error if it has one
        }
        if (answer.isEmpty()) {
            routing.next();
            return;
        }
        answered.incrementAndGet();
        routing.response()
                .setStatusCode(200)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .end(answer.get());
    }

    @ManagedAttribute(description = "Requests answered here since start")
    public long getAnswered() {
        return answered.get();
    }

    @Override
    public void start() {
        // nothing to start: a service only for its JMX attribute
    }

    @Override
    public void stop() {
        // nothing to stop
    }

    /** The answer's JSON text, or empty when the request must go to the route. */
    Optional<String> answer(String authorization, Buffer body) {
        return answer(authorization, body, operation -> { });
    }

    /** The same, telling answered the operation when it is answered here (for the request metrics). */
    private Optional<String> answer(String authorization, Buffer body, Consumer<String> answered) {
        if (body == null || body.length() == 0 || body.length() > MAX_BODY_BYTES) {
            return Optional.empty();
        }
        ObjectNode request = ApiRequests.parse(body.getBytes());
        if (!operations.hasMemoryAnswer(request.path("operation").asText())) {
            return Optional.empty(); // most requests: no password digest for them here, the route checks it
        }
        Optional<User> user = authenticator.knownUser(authorization);
        if (user.isEmpty()) {
            return Optional.empty();
        }
        Optional<JsonNode> answer = operations.answerFromMemory(
                new OperationRequest(request, user.get(), new Access(user.get())));
        answer.ifPresent(json -> answered.accept(request.path("operation").asText()));
        return answer.map(HarperJson::write);
    }
}
