package io.onex.engine.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import io.onex.engine.cluster.WorkflowEngine;
import io.onex.engine.core.Action;
import io.onex.engine.core.client.ActionRequest;
import io.onex.engine.core.client.InstanceHandle;
import io.onex.engine.core.client.InstanceView;
import io.onex.engine.core.client.StartRequest;
import io.onex.engine.core.effect.EffectHandler;
import io.onex.engine.core.effect.EffectRequest;
import io.onex.engine.core.effect.EffectResult;
import io.onex.engine.core.effect.HandlerDescription;
import io.onex.engine.core.effect.HandlerHealth;
import io.onex.engine.core.json.EngineJson;
import io.onex.engine.core.machine.InstanceMachine;
import io.onex.engine.node.EngineNode;
import io.onex.engine.samples.Samples;
import io.onex.engine.samples.order.OrderWorkflow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pekko.http.javadsl.ServerBinding;

/** The benchmark scenarios; each measures on a fresh database of the chosen journal. */
final class Scenarios {

  private static final Duration ASK = Duration.ofSeconds(30);

  /**
   * How long a phase that creates the instances a measured phase uses may take: it must create
   * every one of them, so it is not cut short at {@code --duration}.
   */
  private static final Duration PREPARE_DEADLINE = Duration.ofMinutes(30);

  private final BenchJournal journal;
  private final LoadDriver driver;
  private final Progress progress;
  private final BenchCommand.Settings settings;
  private final WarmUp warmUp;

  Scenarios(BenchJournal journal, Progress progress, BenchCommand.Settings settings) {
    this.journal = journal;
    this.progress = progress;
    this.driver = new LoadDriver(progress);
    this.settings = settings;
    this.warmUp = new WarmUp(progress, settings.warmUp());
  }

  /** Raw Pekko persistence: one event of the engine's event size per command. */
  List<BenchResult> raw() {
    Config node = journal.freshNode(Map.of());
    String payload = "x".repeat(engineEventSize());
    int instances = settings.instances();
    try (RawPersistence raw = new RawPersistence(node)) {
      driver.run(
          "raw prepare",
          instances,
          settings.concurrency(),
          PREPARE_DEADLINE,
          i -> raw.persist("r-" + i, payload, ASK));
    }
    try (RawPersistence raw = new RawPersistence(node)) {
      var cold =
          driver.run(
              "raw cold",
              instances,
              settings.concurrency(),
              settings.duration(),
              i -> raw.persist("r-" + i, payload, ASK));
      warmUp.until(
          "raw",
          round ->
              driver.run(
                  "raw warm-up " + round,
                  warmOperations(),
                  settings.concurrency(),
                  settings.duration(),
                  i -> raw.persist("r-" + (i % instances), payload, ASK)));
      var warm =
          driver.run(
              "raw warm",
              warmOperations(),
              settings.concurrency(),
              settings.duration(),
              i -> raw.persist("r-" + (i % instances), payload, ASK));
      return List.of(cold.toResult("raw", "cold", null), warm.toResult("raw", "warm", null));
    }
  }

  /** Actions through the embedding API against the order reducer. */
  List<BenchResult> actions() {
    Config node = journal.freshNode(Map.of());
    int instances = settings.instances();
    try (WorkflowEngine engine = WorkflowEngine.create(node, Samples.registry())) {
      driver.run(
          "actions prepare",
          instances,
          settings.concurrency(),
          PREPARE_DEADLINE,
          i ->
              engine
                  .client()
                  .start(
                      OrderWorkflow.TYPE,
                      StartRequest.of("o-" + i, json(Map.of("customerId", "c")))));
    }
    try (WorkflowEngine engine = WorkflowEngine.create(node, Samples.registry())) {
      var cold =
          driver.run(
              "actions cold",
              instances,
              settings.concurrency(),
              settings.duration(),
              i -> engine.client().send(OrderWorkflow.TYPE, "o-" + i, addItem(i)));
      warmUp.until(
          "actions",
          round ->
              driver.run(
                  "actions warm-up " + round,
                  warmOperations(),
                  settings.concurrency(),
                  settings.duration(),
                  i ->
                      engine
                          .client()
                          .send(OrderWorkflow.TYPE, "o-" + (i % instances), addItem(i))));
      var warm =
          driver.run(
              "actions warm",
              warmOperations(),
              settings.concurrency(),
              settings.duration(),
              i -> engine.client().send(OrderWorkflow.TYPE, "o-" + (i % instances), addItem(i)));
      // The same load again, paced at half the rate just measured: latency below saturation.
      BenchResult peak = warm.toResult("actions", "warm", null);
      double halfRate = peak.throughput() / 2;
      var half =
          driver.run(
              "actions at half rate",
              warmOperations(),
              settings.concurrency(),
              settings.duration(),
              halfRate,
              i -> engine.client().send(OrderWorkflow.TYPE, "o-" + (i % instances), addItem(i)));
      return List.of(
          cold.toResult("actions", "cold", null),
          peak,
          half.toResult("actions", "half-rate", Map.of("target_rate", halfRate)));
    }
  }

  /**
   * The same actions through the HTTP gateway, with two baselines measured by the same client in
   * the same run: the harness's ceiling (a route that answers at once) and raw persistence through
   * HTTP (the raw behaviour behind a Pekko HTTP route, answering with a body of the gateway's
   * size). The timed phases are sent by wrk where it is installed ({@link WrkLoad}), else by the
   * Pekko HTTP client ({@link HttpLoadClient}), which also sends the counted ones (the starts and
   * each instance's first action). The warm phase's {@code ratio_vs_raw} is taken against raw
   * persistence through HTTP.
   */
  List<BenchResult> http() {
    int instances = settings.instances();
    Optional<WrkLoad> wrk = wrkLoad();
    progress.note(
        "http: timed phases sent by "
            + (wrk.isPresent()
                ? "wrk (one thread, " + settings.concurrency() + " connections)"
                : "the Pekko HTTP client (pool of " + settings.concurrency() + " connections)"));
    try (HttpLoadClient client = new HttpLoadClient(settings.concurrency())) {
      Config node = journal.freshNode(Map.of());
      try (EngineNode gateway = EngineNode.start(node, Samples.registry())) {
        String base = "http://127.0.0.1:" + gateway.port() + "/v1/workflows/order/instances";
        driver.run(
            "http prepare",
            instances,
            settings.concurrency(),
            PREPARE_DEADLINE,
            i ->
                client.post(
                    base, "{\"instanceId\":\"h-" + i + "\",\"input\":{\"customerId\":\"c\"}}"));
      }
      BenchResult cold;
      BenchResult warm;
      int answerSize;
      try (EngineNode gateway = EngineNode.start(node, Samples.registry())) {
        String base = "http://127.0.0.1:" + gateway.port();
        String prefix = "/v1/workflows/order/instances/h-";
        cold =
            driver
                .run(
                    "http cold",
                    instances,
                    settings.concurrency(),
                    settings.duration(),
                    i -> client.post(base + prefix + i + "/actions", addItemBody(i)))
                .toResult("http", "cold", null);
        warm = timed("http warm", label -> send(wrk, client, label, base, prefix, "warm", null));
        answerSize = answerSize(client, base + prefix);
      }
      Map<String, Double> answer = Map.of("answer_bytes", (double) answerSize);
      BenchResult raw;
      BenchResult ceiling;
      try (RawPersistence persistence = new RawPersistence(journal.freshNode(Map.of()))) {
        String payload = "x".repeat(engineEventSize());
        String rawBase =
            baseOf(
                HttpBaselines.bind(
                    persistence.system(), HttpBaselines.raw(persistence, payload, answerSize)));
        driver.run(
            "http raw prepare",
            instances,
            settings.concurrency(),
            PREPARE_DEADLINE,
            i -> client.post(rawBase + "/raw/r-" + i + "/actions", addItemBody(i)));
        raw =
            timed("http raw", label -> send(wrk, client, label, rawBase, "/raw/r-", "raw", answer));
        String ceilingBase =
            baseOf(HttpBaselines.bind(persistence.system(), HttpBaselines.ceiling(answerSize)));
        ceiling =
            timed(
                "http ceiling",
                label -> send(wrk, client, label, ceilingBase, "/raw/r-", "ceiling", answer));
      }
      return List.of(
          ceiling,
          raw.withFigure("share_of_ceiling", raw.throughput() / ceiling.throughput()),
          cold,
          warm.withRatio(warm.throughput() / raw.throughput())
              .withFigure("p99_vs_raw", warm.p99Ms() / raw.p99Ms())
              .withFigure("share_of_ceiling", warm.throughput() / ceiling.throughput()));
    }
  }

  /** wrk if {@code --http-client} lets it be used and it is installed. */
  private Optional<WrkLoad> wrkLoad() {
    if (settings.httpClient().equals("pekko")) {
      return Optional.empty();
    }
    Optional<WrkLoad> wrk = WrkLoad.find(progress);
    if (wrk.isEmpty() && settings.httpClient().equals("wrk")) {
      throw new IllegalStateException(
          "--http-client wrk: wrk is not on the PATH; install it with apt-get install wrk");
    }
    return wrk;
  }

  /**
   * A timed phase of warm AddItem actions to {@code <base><prefix><i>/actions}, after the same load
   * as warm-up ({@link WarmUp}), so that the gateway and each baseline are measured settled.
   */
  private BenchResult timed(String label, Function<String, BenchResult> load) {
    warmUp.until(label, round -> load.apply(label + " warm-up " + round));
    return load.apply(label);
  }

  private BenchResult send(
      Optional<WrkLoad> wrk,
      HttpLoadClient client,
      String label,
      String base,
      String prefix,
      String phase,
      Map<String, Double> figures) {
    int instances = settings.instances();
    if (wrk.isPresent()) {
      return wrk.get()
          .run(
              label,
              base,
              prefix,
              instances,
              settings.concurrency(),
              settings.duration(),
              "http",
              phase,
              figures);
    }
    return driver
        .run(
            label,
            warmOperations(),
            settings.concurrency(),
            settings.duration(),
            i -> client.post(base + prefix + (i % instances) + "/actions", addItemBody(i)))
        .toResult("http", phase, figures);
  }

  /** The mean body length of the gateway's answer to an action, on warm instances. */
  private int answerSize(HttpLoadClient client, String instanceUrlPrefix) {
    int samples = Math.min(20, settings.instances());
    long total = 0;
    for (int i = 0; i < samples; i++) {
      total +=
          client
              .post(instanceUrlPrefix + i + "/actions", addItemBody(i))
              .toCompletableFuture()
              .join();
    }
    return (int) (total / samples);
  }

  private static String baseOf(ServerBinding binding) {
    return "http://127.0.0.1:" + binding.localAddress().getPort();
  }

  /**
   * The baseline of {@link #workflows()}: the same order steps as a bare {@code
   * EventSourcedBehavior} ({@link RawOrder}) on the same sharding, journal and serializer.
   */
  List<BenchResult> rawWorkflows() {
    Config node = journal.freshNode(Map.of());
    try (RawPersistence raw = new RawPersistence(node)) {
      warmUp.until(
          "raw-workflows",
          round ->
              driver.run(
                  "raw-workflows warm-up " + round,
                  warmUpWorkflows(),
                  settings.concurrency(),
                  settings.duration(),
                  i -> raw.order("rw-warm-up-" + round + "-" + i, ASK)));
      var run =
          driver.run(
              "raw-workflows",
              settings.instances(),
              settings.concurrency(),
              settings.duration(),
              i -> raw.order("rw-" + i, ASK));
      return List.of(run.toResult("raw-workflows", "end-to-end", null));
    }
  }

  /**
   * Whole order workflows with their effects, handled in process at once, to COMPLETED: each
   * request ends when the order's handle is told of its end ({@code awaitEnd}), nothing polls.
   */
  List<BenchResult> workflows() {
    Config node = journal.freshNode(Map.of());
    try (WorkflowEngine engine =
        WorkflowEngine.builder(node)
            .workflows(Samples.registry())
            .handler(system -> new InstantHttp())
            .start()) {
      warmUp.until(
          "workflows",
          round ->
              driver.run(
                  "workflows warm-up " + round,
                  warmUpWorkflows(),
                  settings.concurrency(),
                  settings.duration(),
                  i -> order(engine, "w-warm-up-" + round + "-" + i, i)));
      var run =
          driver.run(
              "workflows",
              settings.instances(),
              settings.concurrency(),
              settings.duration(),
              i -> order(engine, "w-" + i, i));
      return List.of(run.toResult("workflows", "end-to-end", null));
    }
  }

  /**
   * Order workflows whose effects answer after {@code --io-latency}, like a real service, with
   * {@code --io-in-flight} workflows in flight. Its bound is what that latency allows: in-flight
   * workflows / (effects per workflow x latency); {@code ratio_vs_bound} is the throughput's share
   * of it.
   */
  List<BenchResult> ioWorkflows() {
    Config node = journal.freshNode(Map.of());
    Duration latency = settings.ioLatency();
    int inFlight = settings.ioInFlight();
    ScheduledExecutorService service =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "bench-delayed-service");
              thread.setDaemon(true);
              return thread;
            });
    try (WorkflowEngine engine =
        WorkflowEngine.builder(node)
            .workflows(Samples.registry())
            .handler(system -> new DelayedHttp(service, latency))
            .start()) {
      warmUp.until(
          "io-workflows",
          round ->
              driver.run(
                  "io-workflows warm-up " + round,
                  Math.max(warmUpWorkflows(), inFlight),
                  inFlight,
                  settings.duration(),
                  i -> order(engine, "io-warm-up-" + round + "-" + i, i)));
      var run =
          driver.run(
              "io-workflows",
              Math.max(settings.instances(), inFlight * 5L),
              inFlight,
              settings.duration(),
              i -> order(engine, "io-" + i, i));
      double bound = inFlight / (EFFECTS_PER_ORDER * latency.toNanos() / 1e9);
      BenchResult result = run.toResult("io-workflows", "end-to-end", null);
      return List.of(
          result
              .withFigure("in_flight", inFlight)
              .withFigure("effect_latency_ms", latency.toMillis())
              .withFigure("bound", bound)
              .withFigure("ratio_vs_bound", result.throughput() / bound));
    } finally {
      service.shutdownNow();
    }
  }

  /**
   * Workflows run before a workflow scenario is measured, on other instances: they load and compile
   * the code path and start the shards, so that the figures are those of a running node, alike for
   * the engine and its baseline.
   */
  private long warmUpWorkflows() {
    return Math.max(1, settings.instances() / 2);
  }

  /** The effects one sample order runs: reserve, charge, ship. */
  private static final int EFFECTS_PER_ORDER = 3;

  /** One sample order from start to its end: start, one item, place, then its end. */
  private static CompletionStage<InstanceView> order(WorkflowEngine engine, String id, long i) {
    InstanceHandle order = engine.client().instance(OrderWorkflow.TYPE, id);
    return engine
        .client()
        .start(OrderWorkflow.TYPE, StartRequest.of(id, json(Map.of("customerId", "c"))))
        .thenCompose(started -> order.send(addItem(i)))
        .thenCompose(added -> order.send(ActionRequest.of("PlaceOrder", null)))
        .thenCompose(placed -> order.awaitEnd(END_TIMEOUT));
  }

  /** How long the driver waits for an order to end before counting a timeout. */
  private static final Duration END_TIMEOUT = Duration.ofSeconds(30);

  /**
   * Recovery of an instance with {@code --recovery-events} events, with the default snapshot
   * interval and with snapshots off: the first answer of the passivated instance on a running node
   * (its recovery alone), and the first answer on a freshly started node (with the node's own start
   * of sharding).
   */
  List<BenchResult> recovery() {
    List<BenchResult> results = new ArrayList<>();
    // Short enough to keep the run brief, long enough that a loaded node passivates reliably.
    Duration idle =
        settings.passivation().compareTo(Duration.ofSeconds(1)) < 0
            ? settings.passivation()
            : Duration.ofSeconds(1);
    for (int snapshotEvery : List.of(1000, 0)) {
      Config node =
          journal.freshNode(
              Map.of(
                  "onex.instance.snapshot-every",
                  snapshotEvery,
                  "onex.instance.passivate-idle-after",
                  idle.toMillis() + "ms"));
      List<Double> passivated = new ArrayList<>();
      try (WorkflowEngine engine = WorkflowEngine.create(node, Samples.registry())) {
        engine
            .client()
            .start(OrderWorkflow.TYPE, StartRequest.of("long", json(Map.of("customerId", "c"))))
            .toCompletableFuture()
            .join();
        driver.run(
            "recovery prepare",
            settings.recoveryEvents() - 1,
            settings.concurrency(),
            Duration.ofMinutes(5),
            i -> engine.client().send(OrderWorkflow.TYPE, "long", addItem(i)));
        for (int attempt = 0; attempt < settings.recoveryRuns(); attempt++) {
          sleep(idle.multipliedBy(2));
          passivated.add(timeFirstAnswer(engine));
        }
        sleep(idle.multipliedBy(2));
      }
      List<Double> fresh = new ArrayList<>();
      for (int attempt = 0; attempt < settings.recoveryRuns(); attempt++) {
        fresh.add(firstAnswerInNewProcess(node));
      }
      passivated.sort(Double::compare);
      fresh.sort(Double::compare);
      String phase = snapshotEvery > 0 ? "snapshots" : "no-snapshots";
      progress.note(
          "recovery " + phase + ": passivated " + passivated + " ms, fresh node " + fresh + " ms");
      results.add(
          new BenchResult(
              "recovery",
              phase,
              settings.recoveryEvents(),
              0,
              median(passivated),
              passivated.get(passivated.size() - 1),
              passivated.get(passivated.size() - 1),
              passivated.get(passivated.size() - 1),
              null,
              Map.of(
                  "recovery_ms", median(passivated),
                  "fresh_node_ms", median(fresh),
                  "events", (double) settings.recoveryEvents())));
    }
    return results;
  }

  /**
   * The first answer of instance {@code long} on a node started in a new JVM (as a restarted node
   * is), on the journal of {@code node}.
   */
  private double firstAnswerInNewProcess(Config node) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    command.add("-DONEX_LOG_ROOT=WARN");
    for (String key :
        List.of(
            "onex.data-dir",
            "onex.journal.url",
            "onex.journal.user",
            "onex.journal.password",
            "onex.instance.snapshot-every",
            "onex.instance.passivate-idle-after")) {
      command.add("-D" + key + "=" + node.getString(key));
    }
    command.add("-Donex.cluster.port=0");
    command.add("-Donex.http.port=0");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(FreshNodeProbe.class.getName());
    command.add("long");
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      process.waitFor();
      Matcher answer =
          Pattern.compile("FIRST_ANSWER_MS=([0-9.]+) SEQUENCE=([0-9]+)").matcher(output);
      if (!answer.find() || Long.parseLong(answer.group(2)) != settings.recoveryEvents()) {
        throw new IllegalStateException("The fresh node did not recover the instance: " + output);
      }
      return Double.parseDouble(answer.group(1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static double median(List<Double> sorted) {
    return sorted.get(sorted.size() / 2);
  }

  private double timeFirstAnswer(WorkflowEngine engine) {
    long started = System.nanoTime();
    InstanceView view =
        engine.client().get(OrderWorkflow.TYPE, "long").toCompletableFuture().join();
    double ms = (System.nanoTime() - started) / 1e6;
    if (view.sequence() != settings.recoveryEvents()) {
      throw new IllegalStateException(
          "Recovered " + view.sequence() + " events, expected " + settings.recoveryEvents());
    }
    return ms;
  }

  /** Heap used by active instances that each received one action, and after they passivated. */
  List<BenchResult> memory() {
    Config node =
        journal.freshNode(
            Map.of("onex.instance.passivate-idle-after", settings.passivation().toMillis() + "ms"));
    int instances = settings.memoryInstances();
    double baseline = usedHeapMb();
    try (WorkflowEngine engine = WorkflowEngine.create(node, Samples.registry())) {
      var run =
          driver.run(
              "memory",
              instances,
              settings.concurrency(),
              Duration.ofMinutes(10),
              i ->
                  engine
                      .client()
                      .start(
                          OrderWorkflow.TYPE,
                          StartRequest.of("m-" + i, json(Map.of("customerId", "c")))));
      double active = usedHeapMb() - baseline;
      progress.note(
          "memory: "
              + instances
              + " active instances use "
              + Math.round(active)
              + " MB; waiting for passivation");
      sleep(settings.passivation().plusSeconds(3));
      double passivated = usedHeapMb() - baseline;
      return List.of(
          run.toResult(
              "memory",
              "active",
              Map.of(
                  "instances",
                  (double) instances,
                  "heap_active_mb",
                  active,
                  "heap_passivated_mb",
                  passivated,
                  "bytes_per_instance",
                  active * 1024 * 1024 / instances)));
    }
  }

  private long warmOperations() {
    return (long) settings.instances() * (settings.actions() - 1);
  }

  private static ActionRequest addItem(long i) {
    return ActionRequest.of(
        "AddItem", json(Map.of("sku", "sku-" + (i % 5), "quantity", 1, "unitPrice", 9.5)));
  }

  private static String addItemBody(long i) {
    return "{\"type\":\"AddItem\",\"payload\":{\"sku\":\"sku-"
        + (i % 5)
        + "\",\"quantity\":1,\"unitPrice\":9.5}}";
  }

  /** The size of a journaled AddItem event of the order workflow, as JSON. */
  static int engineEventSize() {
    var machine = InstanceMachine.of(OrderWorkflow.definition());
    var started =
        machine.start(
            "o-1",
            Action.builder(Action.START)
                .payload(json(Map.of("customerId", "c")))
                .issuedAt(Instant.now())
                .build());
    var added = machine.apply(started.instance(), addItem(1).toAction(Instant.now()));
    try {
      return EngineJson.mapper().writeValueAsBytes(added.event()).length;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode json(Object value) {
    return EngineJson.mapper().valueToTree(value);
  }

  private static double usedHeapMb() {
    for (int i = 0; i < 3; i++) {
      System.gc();
      sleep(Duration.ofMillis(200));
    }
    Runtime runtime = Runtime.getRuntime();
    return (runtime.totalMemory() - runtime.freeMemory()) / (1024.0 * 1024.0);
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Answers http intents after a fixed latency, like a remote service, without a thread per call:
   * on a timer of its own, precise to a fraction of a millisecond (Pekko's scheduler ticks every 10
   * ms, which would add up to a tick to every answer).
   */
  private record DelayedHttp(ScheduledExecutorService service, Duration latency)
      implements EffectHandler {
    @Override
    public String handlerType() {
      return "http";
    }

    @Override
    public CompletionStage<EffectResult> execute(EffectRequest request, Config operationConfig) {
      CompletableFuture<EffectResult> answer = new CompletableFuture<>();
      service.schedule(
          () ->
              answer.complete(
                  EffectResult.of(EngineJson.mapper().createObjectNode().put("ok", true))),
          latency.toNanos(),
          TimeUnit.NANOSECONDS);
      return answer;
    }

    @Override
    public HandlerDescription describe() {
      return new HandlerDescription(
          "http", "answers after " + latency.toMillis() + " ms, for benchmarks", Map.of());
    }

    @Override
    public CompletionStage<HandlerHealth> healthCheck() {
      return CompletableFuture.completedFuture(HandlerHealth.healthy("in process"));
    }
  }

  /** Answers http intents at once. */
  private record InstantHttp() implements EffectHandler {
    @Override
    public String handlerType() {
      return "http";
    }

    @Override
    public CompletionStage<EffectResult> execute(EffectRequest request, Config operationConfig) {
      return CompletableFuture.completedFuture(
          EffectResult.of(EngineJson.mapper().createObjectNode().put("ok", true)));
    }

    @Override
    public HandlerDescription describe() {
      return new HandlerDescription("http", "answers at once, for benchmarks", Map.of());
    }

    @Override
    public CompletionStage<HandlerHealth> healthCheck() {
      return CompletableFuture.completedFuture(HandlerHealth.healthy("in process"));
    }
  }
}
