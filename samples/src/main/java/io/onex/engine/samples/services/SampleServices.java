package io.onex.engine.samples.services;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.entity;
import static org.apache.pekko.http.javadsl.server.Directives.headerValueByName;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.optionalHeaderValueByName;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import io.onex.engine.core.json.EngineJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.apache.pekko.pattern.Patterns;

/**
 * The inventory, payment and shipping services of the {@code order} sample, on one pekko-http
 * server of their own, and an SMTP mailbox for the {@code onboarding} sample's welcome mails
 * ({@code onex.samples.services.smtp-port}), listed at {@code GET /mails}. Each answers after
 * {@code onex.samples.services.delay} and remembers the answer it gave per {@code Idempotency-Key}:
 * a repeated request gets the same answer and has no second effect. Like a payment sandbox, the
 * payment service declines every charge for a customer id that begins with {@code declined}.
 */
public final class SampleServices implements AutoCloseable {

  private final ActorSystem<Void> system;
  private final ServerBinding binding;
  private final Duration delay;
  private final Map<String, HttpResponse> answered = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> effects = new ConcurrentHashMap<>();
  private final Map<String, List<String>> keysReceived = new ConcurrentHashMap<>();
  private final Map<String, List<String>> traceparents = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final SampleMailbox mailbox;

  private SampleServices(Config config) {
    Config services = config.getConfig("onex.samples.services");
    this.delay = Duration.ofMillis(services.getLong("delay-ms"));
    this.mailbox = new SampleMailbox(services.getString("host"), services.getInt("smtp-port"));
    this.system = ActorSystem.create(Behaviors.empty(), "onex-sample-services", config);
    this.binding =
        Http.get(system)
            .newServerAt(services.getString("host"), services.getInt("port"))
            .bind(routes())
            .toCompletableFuture()
            .join();
  }

  /** Starts the services as configured under {@code onex.samples.services}. */
  public static SampleServices start(Config config) {
    return new SampleServices(config);
  }

  /** The base URL of {@code service} ({@code inventory}, {@code payment}, {@code shipping}). */
  public String url(String service) {
    return "http://127.0.0.1:" + binding.localAddress().getPort() + "/" + service;
  }

  /**
   * The HTTP handler's targets pointing at these services, and the notification handler's SMTP
   * server at the mailbox, to lay over a node's configuration.
   */
  public Config targets() {
    return com.typesafe.config.ConfigFactory.parseMap(
        Map.of(
            "onex.handlers.http.targets.inventory", url("inventory"),
            "onex.handlers.http.targets.payment", url("payment"),
            "onex.handlers.http.targets.shipping", url("shipping"),
            "onex.handlers.notification.smtp.host", "127.0.0.1",
            "onex.handlers.notification.smtp.port", mailbox.port()));
  }

  /** The mails the mailbox received, oldest first, as {@code to}, {@code subject}, {@code text}. */
  public List<Map<String, String>> mails() {
    return mailbox.mails().stream()
        .map(
            mail ->
                Map.of(
                    "to", mail.to(),
                    "subject", mail.subject(),
                    "text", mail.text(),
                    "messageId", mail.messageId()))
        .toList();
  }

  /** How many effects {@code operation} (for example {@code payment/charges}) has had. */
  public int effects(String operation) {
    AtomicInteger count = effects.get(operation);
    return count == null ? 0 : count.get();
  }

  /**
   * The W3C {@code traceparent} headers {@code operation} received, one entry per request that had
   * one.
   */
  public List<String> traceparentsReceived(String operation) {
    return List.copyOf(traceparents.getOrDefault(operation, List.of()));
  }

  /** The idempotency keys {@code operation} received, one entry per request, repeats included. */
  public List<String> keysReceived(String operation) {
    return List.copyOf(keysReceived.getOrDefault(operation, List.of()));
  }

  private Route routes() {
    return concat(
        path(
            "mails",
            () ->
                org.apache.pekko.http.javadsl.server.Directives.get(
                    () ->
                        complete(
                            json(
                                StatusCodes.OK,
                                EngineJson.mapper()
                                    .createObjectNode()
                                    .set("mails", EngineJson.mapper().valueToTree(mails())))))),
        pathPrefix(
            "inventory",
            () ->
                concat(
                    operation(
                        "reservations", "inventory/reservations", body -> created("reservationId")),
                    operation("releases", "inventory/releases", body -> ok("released")))),
        pathPrefix("payment", () -> operation("charges", "payment/charges", this::charge)),
        pathPrefix(
            "shipping",
            () -> operation("shipments", "shipping/shipments", body -> created("trackingNumber"))));
  }

  private HttpResponse charge(JsonNode body) {
    String customer = body.path("customerId").asText();
    if (customer.startsWith("declined")) {
      return json(
          StatusCodes.PAYMENT_REQUIRED,
          EngineJson.mapper()
              .createObjectNode()
              .put("error", "card declined for customer " + customer));
    }
    return created("chargeId");
  }

  private Route operation(String name, String operation, Function<JsonNode, HttpResponse> handle) {
    return path(
        name,
        () ->
            post(
                () ->
                    optionalHeaderValueByName(
                        "traceparent",
                        traceparent -> {
                          traceparent.ifPresent(
                              value ->
                                  traceparents
                                      .computeIfAbsent(operation, o -> new CopyOnWriteArrayList<>())
                                      .add(value));
                          return headerValueByName(
                              "Idempotency-Key",
                              key ->
                                  entity(
                                      Unmarshaller.entityToString(),
                                      text ->
                                          onSuccess(
                                              received(
                                                  operation,
                                                  key,
                                                  () ->
                                                      answerOnce(
                                                          operation, key, handle, parse(text))),
                                              response -> complete(response))));
                        })));
  }

  private void record(String operation, String key) {
    keysReceived.computeIfAbsent(operation, o -> new CopyOnWriteArrayList<>()).add(key);
  }

  private HttpResponse answerOnce(
      String operation, String key, Function<JsonNode, HttpResponse> handle, JsonNode body) {
    return answered.computeIfAbsent(
        operation + "/" + key,
        k -> {
          HttpResponse response = handle.apply(body);
          if (response.status().isSuccess()) {
            effects.computeIfAbsent(operation, o -> new AtomicInteger()).incrementAndGet();
          }
          return response;
        });
  }

  private CompletionStage<HttpResponse> received(
      String operation, String key, java.util.function.Supplier<HttpResponse> answer) {
    record(operation, key);
    return later(answer);
  }

  private CompletionStage<HttpResponse> later(java.util.function.Supplier<HttpResponse> answer) {
    return Patterns.after(
        delay, system.classicSystem(), () -> CompletableFuture.completedFuture(answer.get()));
  }

  private HttpResponse created(String idField) {
    return json(
        StatusCodes.CREATED,
        EngineJson.mapper()
            .createObjectNode()
            .put(idField, idField.substring(0, 2) + "-" + ids.incrementAndGet()));
  }

  private static HttpResponse ok(String field) {
    return json(StatusCodes.OK, EngineJson.mapper().createObjectNode().put(field, true));
  }

  private static HttpResponse json(StatusCode status, ObjectNode body) {
    return HttpResponse.create()
        .withStatus(status)
        .withEntity(
            ContentTypes.APPLICATION_JSON, body.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static JsonNode parse(String text) {
    try {
      return text.isBlank()
          ? EngineJson.mapper().createObjectNode()
          : EngineJson.mapper().readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    mailbox.close();
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().join();
  }
}
