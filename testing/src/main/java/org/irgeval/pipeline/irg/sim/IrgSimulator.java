package org.irgeval.pipeline.irg.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.irgeval.pipeline.irg.HealthAnswer;
import org.irgeval.pipeline.irg.TrajectoryRequest;
import org.irgeval.pipeline.irg.TrajectoryResponse;
import org.irgeval.util.Hashing;
import org.irgeval.util.Json;

/**
 * A TEST TOOL, NOT A MODEL: a loopback HTTP server speaking the IRG server protocol (docs/protocol.md) with
 * small deterministic PNGs, a configurable latency per stage, injected failures per error code and a "die after
 * N requests" switch. Every answer says it is a simulator ({@code "simulator": true}, a model name saying so,
 * and the header {@code X-IRG-Simulator}), so a run against it is marked plumbing. Used by the Java tests and
 * the throughput measurements; start one by hand with
 * {@code java -cp harness.jar org.irgeval.pipeline.irg.sim.IrgSimulator --port 8000}.
 */
// Run the JVM with -Dsun.net.httpserver.nodelay=true (the launcher and the tests do): without TCP_NODELAY the JDK
// server's separate header and body writes meet the client's delayed ACK, and every answer takes ~40 ms more
// (measured: 50 ms per empty trajectory, 2 ms with it), so throughput numbers would measure Nagle.
public final class IrgSimulator implements AutoCloseable {
  /** The model name in every answer. */
  public static final String MODEL_NAME = "irg-protocol-simulator (plumbing test tool, not a model)";
  private static final int CACHE_ENTRIES = 1024;

  private final SimConfig config;
  private final HttpServer server;
  private final ExecutorService executor;
  private final ObjectMapper json = Json.mapper();
  private final Random rng;
  private final AtomicLong seq = new AtomicLong();
  private final AtomicInteger trajectoryRequests = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  /** Request number -> System.nanoTime() when its simulated computation started (health queue.running_s). */
  private final Map<Long, Long> running = new ConcurrentHashMap<>();
  /** Held while a trajectory "runs" in serial mode: one GPU, first come first served. */
  private final ReentrantLock gpu = new ReentrantLock(true);
  private final AtomicBoolean dead = new AtomicBoolean();
  private final ReentrantReadWriteLock sending =
      new ReentrantReadWriteLock();
  private final List<LoggedRequest> log = new ArrayList<>();
  /** Trajectory requests wait here while the simulator is paused ({@link #pause()}), e.g. until every run started. */
  private final Object gate = new Object();
  private boolean paused;
  private int waiting;
  /** System.nanoTime() of the end of the last 200 answer (0: none). */
  private final AtomicLong lastAnswerNanos = new AtomicLong();
  private final Map<String, byte[]> answered = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
      return size() > CACHE_ENTRIES;
    }
  };

  private IrgSimulator(SimConfig config, int port) throws IOException {
    this.config = config;
    this.rng = new Random(config.seed());
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    this.executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "irg-simulator");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Starts a simulator on a free loopback port. */
  public static IrgSimulator start(SimConfig config) throws IOException {
    return new IrgSimulator(config, 0);
  }

  /** Starts a simulator on {@code port} (0: any free port). */
  public static IrgSimulator start(SimConfig config, int port) throws IOException {
    return new IrgSimulator(config, port);
  }

  /** Base URL, e.g. {@code http://127.0.0.1:41234}. */
  public URI uri() {
    return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":"
        + server.getAddress().getPort());
  }

  public SimConfig config() {
    return config;
  }

  /** Everything received so far, in arrival order. */
  public List<LoggedRequest> log() {
    synchronized (log) {
      return List.copyOf(log);
    }
  }

  /** The trajectory requests received so far. */
  public List<LoggedRequest> trajectoryLog() {
    return log().stream().filter(LoggedRequest::isTrajectory).toList();
  }

  public boolean isDead() {
    return dead.get();
  }

  /** Holds every trajectory request that arrives from now on until {@link #resume()} (health answers go on). */
  public void pause() {
    synchronized (gate) {
      paused = true;
    }
  }

  /** Lets the held trajectory requests through. */
  public void resume() {
    synchronized (gate) {
      paused = false;
      gate.notifyAll();
    }
  }

  /** Trajectory requests held by {@link #pause()} right now. */
  public int waiting() {
    synchronized (gate) {
      return waiting;
    }
  }

  /** {@link System#nanoTime()} when the last 200 trajectory answer was sent in full (0: none yet). */
  public long lastAnswerNanos() {
    return lastAnswerNanos.get();
  }

  /** Kills it now, as if the GPU host went away: later connections are refused. */
  public void kill() {
    if (dead.compareAndSet(false, true)) {
      Thread t = new Thread(() -> {
        sending.writeLock().lock();
        try {
          server.stop(0);
        } finally {
          sending.writeLock().unlock();
        }
      }, "irg-simulator-stop");
      t.setDaemon(true);
      t.start();
    }
  }

  @Override
  public void close() {
    dead.set(true);
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange ex) throws IOException {
    long n = seq.getAndIncrement();
    String method = ex.getRequestMethod();
    String path = ex.getRequestURI().getPath();
    String body;
    try (InputStream in = ex.getRequestBody()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (dead.get()) {
      record(n, method, path, body, -1, "dropped");
      ex.close(); // no answer at all: the client sees the connection close, as with a crashed host
      return;
    }
    try {
      if ("GET".equals(method) && "/v1/health".equals(path)) {
        record(n, method, path, body, 200, "ok");
        send(ex, 200, json.writeValueAsBytes(health()));
      } else if ("POST".equals(method) && "/v1/trajectory".equals(path)) {
        trajectory(ex, n, body);
      } else {
        String code = "/v1/health".equals(path) || "/v1/trajectory".equals(path) ? "method not allowed"
            : "no such path";
        record(n, method, path, body, 404, "bad_request");
        sendError(ex, 404, "bad_request", code + ": " + method + " " + path);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ex.close();
    } catch (RuntimeException e) {
      record(n, method, path, body, 500, "internal");
      sendError(ex, 500, "internal", "simulator bug: " + e);
    }
  }

  private HealthAnswer health() {
    int cap = config.capacity();
    Map<String, Integer> queue = new LinkedHashMap<>();
    queue.put("capacity", cap);
    queue.put("in_flight", inFlight.get());
    queue.put("running_s", runningSeconds());
    return new HealthAnswer("ok", null, HealthAnswer.PROTOCOL, modelInfo(), weightsInfo(), config.modes(),
        "loopback simulator, no GPU", true, config.systemPrompts().isEmpty() ? null : config.systemPrompts(), queue);
  }

  /** Name, checkpoint and the configured checkpoint hash: in the health answer and in every trajectory answer. */
  private Map<String, String> modelInfo() {
    Map<String, String> model = new LinkedHashMap<>();
    model.put("name", MODEL_NAME + " [" + config.name() + "]");
    model.put("checkpoint", "none (simulator)");
    model.put("sha256", config.checkpointSha256());
    return model;
  }

  private HealthAnswer.Weights weightsInfo() {
    String kind = config.weights();
    return kind == null
        ? new HealthAnswer.Weights(null, config.modes(), "simulator (no claim)")
        : new HealthAnswer.Weights(kind, SimConfig.WEIGHTS_MODES.get(kind), "simulator --weights " + kind);
  }

  /** Whole seconds the oldest request now being computed has run (the server's queue.running_s); null: none. */
  private Integer runningSeconds() {
    long now = System.nanoTime();
    long oldest = running.values().stream().mapToLong(Long::longValue).map(t -> now - t).max().orElse(-1);
    return oldest < 0 ? null : (int) (oldest / 1_000_000_000L);
  }

  private void trajectory(HttpExchange ex, long n, String body) throws IOException, InterruptedException {
    synchronized (gate) {
      waiting++;
      try {
        while (paused) {
          gate.wait();
        }
      } finally {
        waiting--;
      }
    }
    int count = trajectoryRequests.incrementAndGet();
    if (config.dieAfter() >= 0 && count > config.dieAfter()) {
      record(n, "POST", "/v1/trajectory", body, -1, "dropped");
      kill();
      ex.close();
      return;
    }
    TrajectoryRequest req;
    try {
      req = RequestCheck.check(json, body, config);
    } catch (IllegalArgumentException e) {
      record(n, "POST", "/v1/trajectory", body, 400, "bad_request");
      sendError(ex, 400, "bad_request", e.getMessage());
      return;
    }
    byte[] cached;
    synchronized (answered) {
      cached = answered.get(req.id());
    }
    if (cached != null) {
      // idempotency: a repeated id gets the same answer without new work (docs/protocol.md)
      record(n, "POST", "/v1/trajectory", body, 200, "cached");
      send(ex, 200, cached);
      return;
    }
    String failure = drawFailure();
    if (failure != null && ERROR_ANSWERS.contains(failure)) {
      int status = failure.equals("bad_request") ? 400 : failure.equals("internal") ? 500 : 503;
      record(n, "POST", "/v1/trajectory", body, status, failure);
      sendError(ex, status, failure, "simulated " + failure + " (simulator failure injection)");
      return;
    }
    if (failure != null) {
      fault(ex, n, body, req, failure);
      return;
    }
    int now = inFlight.incrementAndGet();
    if (config.capacity() > 0 && now > config.capacity()) {
      inFlight.decrementAndGet();
      record(n, "POST", "/v1/trajectory", body, 503, "busy");
      sendError(ex, 503, "busy", "simulator queue full (capacity " + config.capacity() + ")");
      return;
    }
    byte[] answer;
    try {
      // the pictures are encoded before the GPU lock is taken: encoding is the simulator's CPU work, not simulated GPU
      // time, and must not stretch the simulated stage latencies (the throughput measurements compare against them)
      List<String> pngs = new ArrayList<>();
      for (int t = 1; t <= req.turns(); t++) {
        pngs.add(Base64.getEncoder().encodeToString(image(req, t, null)));
      }
      if (config.serial()) {
        gpu.lockInterruptibly();
      }
      running.put(n, System.nanoTime());
      try {
        answer = json.writeValueAsBytes(simulate(req, pngs));
      } finally {
        running.remove(n);
        if (config.serial()) {
          gpu.unlock();
        }
      }
    } finally {
      inFlight.decrementAndGet();
    }
    // the read lock keeps kill() from closing connections between logging "ok" and the answer's last byte, so
    // an answer is either delivered and logged "ok", or dropped and logged "dropped" (tests count on it)
    sending.readLock().lock();
    try {
      if (dead.get()) { // killed while "computing": the answer never leaves the host
        record(n, "POST", "/v1/trajectory", body, -1, "dropped");
        ex.close();
        return;
      }
      synchronized (answered) {
        answered.put(req.id(), answer);
      }
      record(n, "POST", "/v1/trajectory", body, 200, "ok");
      send(ex, 200, answer);
      lastAnswerNanos.accumulateAndGet(System.nanoTime(), Math::max);
    } finally {
      sending.readLock().unlock();
    }
  }

  /** The protocol's error answers among {@link SimConfig#FAILURE_CODES}; the other kinds are {@link #fault}s. */
  private static final Set<String> ERROR_ANSWERS = Set.of("busy", "out_of_memory", "internal",
      "bad_request");

  /**
   * A fault a broken server or network produces instead of an answer (SimConfig#FAILURE_CODES); logged with the
   * kind as its outcome, never cached, no GPU lock taken (the fault is the server's or the wire's, not the work's).
   */
  private void fault(HttpExchange ex, long n, String body, TrajectoryRequest req, String kind)
      throws IOException, InterruptedException {
    int damagedTurn;
    int junkShape;
    synchronized (rng) {
      damagedTurn = 1 + rng.nextInt(req.turns());
      junkShape = rng.nextInt(4);
    }
    try {
      switch (kind) {
        case "reset" -> {
          record(n, "POST", "/v1/trajectory", body, -1, kind);
          ex.close(); // no status line at all: the client reads a closed connection
        }
        case "timeout" -> {
          record(n, "POST", "/v1/trajectory", body, 200, kind);
          sleepMs(config.faultDelayMs());
          send(ex, 200, json.writeValueAsBytes(answer(req, 0, null)));
        }
        case "slow_body" -> {
          record(n, "POST", "/v1/trajectory", body, 200, kind);
          byte[] bytes = json.writeValueAsBytes(answer(req, 0, null));
          ex.getResponseHeaders().set("Content-Type", "application/json");
          ex.getResponseHeaders().set("X-IRG-Simulator", "plumbing test tool, not a model");
          ex.sendResponseHeaders(200, bytes.length);
          // the whole body spread over faultDelayMs in 20 ms steps: headers at once, the last byte too late
          long steps = Math.max(1, config.faultDelayMs() / 20);
          int chunk = (int) Math.max(1, (bytes.length + steps - 1) / steps);
          try (OutputStream out = ex.getResponseBody()) {
            for (int off = 0; off < bytes.length; off += chunk) {
              out.write(bytes, off, Math.min(chunk, bytes.length - off));
              out.flush();
              Thread.sleep(20);
            }
          }
        }
        case "truncated_png", "not_png", "wrong_size" -> {
          record(n, "POST", "/v1/trajectory", body, 200, kind);
          send(ex, 200, json.writeValueAsBytes(answer(req, damagedTurn, kind)));
        }
        case "junk_json" -> {
          record(n, "POST", "/v1/trajectory", body, 200, kind);
          String junk = switch (junkShape) {
            case 0 -> "{\"id\":\"" + req.id() + "\",\"seed\":" + req.seed() + ",\"turns\":[{\"text\":\"<think>"; // cut
            case 1 -> "<html><body><h1>502 Bad Gateway</h1></body></html>"; // a proxy's page with status 200
            case 2 -> "{\"id\":\"" + req.id() + "\",\"seed\":" + req.seed() + ",\"turns\":\"none\"}"; // wrong shape
            default -> "{\"id\":\"" + req.id() + "\",\"seed\":" + req.seed() + ",\"turns\":[]}"; // no turn
          };
          send(ex, 200, junk.getBytes(StandardCharsets.UTF_8));
        }
        default -> throw new IllegalStateException("unknown fault kind " + kind);
      }
    } catch (IOException clientGone) {
      // the client gave up (its timeout) while we trickled or waited: nothing more to send
      ex.close();
    }
  }

  private String drawFailure() {
    double r;
    synchronized (rng) {
      r = rng.nextDouble();
    }
    double acc = 0;
    for (String code : SimConfig.FAILURE_CODES) {
      acc += config.failureRates().getOrDefault(code, 0.0);
      if (r < acc) {
        return code;
      }
    }
    return null;
  }

  private TrajectoryResponse simulate(TrajectoryRequest req, List<String> pngs) throws InterruptedException {
    List<TrajectoryResponse.Turn> turns = new ArrayList<>();
    for (int t = 1; t <= req.turns(); t++) {
      Map<String, Long> timings = new LinkedHashMap<>();
      Map<String, Integer> tokens = new LinkedHashMap<>();
      String text = "";
      if (req.mode().thinks()) {
        long textMs = config.keyedLatency() ? keyedMs(config.textLatency(), req.seed(), t, 0)
            : draw(config.textLatency());
        sleep(textMs);
        text = t == 1
            ? "<think>[simulator] plan for: " + req.prompt() + "</think>"
            : "<think>[simulator] reflection " + (t - 1) + " on the previous image of: " + req.prompt() + "</think>";
        timings.put("text", textMs);
        tokens.put("text", text.split("\\s+").length);
      }
      long imageMs = config.keyedLatency() ? keyedMs(config.imageLatency(), req.seed(), t, 1)
          : draw(config.imageLatency());
      sleep(imageMs);
      timings.put("image", imageMs);
      turns.add(new TrajectoryResponse.Turn(text, pngs.get(t - 1), timings, tokens));
    }
    return new TrajectoryResponse(req.id(), req.seed(), modelInfo(), weightsInfo(), true, turns);
  }

  /** An answer without latency, with turn {@code damagedTurn}'s image damaged as {@code kind} says (0: none). */
  private TrajectoryResponse answer(TrajectoryRequest req, int damagedTurn, String kind) {
    List<TrajectoryResponse.Turn> turns = new ArrayList<>();
    for (int t = 1; t <= req.turns(); t++) {
      String text = req.mode().thinks() ? "<think>[simulator] turn " + t + " of: " + req.prompt() + "</think>" : "";
      byte[] img = image(req, t, t == damagedTurn ? kind : null);
      turns.add(new TrajectoryResponse.Turn(text, Base64.getEncoder().encodeToString(img), Map.of("image", 0L),
          Map.of()));
    }
    return new TrajectoryResponse(req.id(), req.seed(), modelInfo(), weightsInfo(), true, turns);
  }

  /**
   * Turn {@code t}'s picture: {@code imageSize} square, or the requested size when imageSize is 0; damaged as
   * {@code kind} says (null: intact). A wrong-size picture is narrower than the intact one by a quarter, so it is
   * never the requested size nor that size scaled down by a whole number.
   */
  private byte[] image(TrajectoryRequest req, int t, String kind) {
    int w = config.imageSize() == 0 ? req.width() : config.imageSize();
    int h = config.imageSize() == 0 ? req.height() : config.imageSize();
    if ("wrong_size".equals(kind)) {
      return SimImages.png(req.seed(), t, w - Math.max(1, w / 4), h);
    }
    if ("not_png".equals(kind)) {
      return SimImages.jpeg(req.seed(), t, w, h);
    }
    byte[] png = config.payload().equals("realistic") ? SimImages.realistic(req.seed(), t, w, h)
        : SimImages.png(req.seed(), t, w, h);
    return "truncated_png".equals(kind) ? SimImages.truncated(png) : png;
  }

  /**
   * One stage's latency keyed to the request: the same (seed, turn, stage) always costs the same, whichever
   * endpoint, schedule or run draws it (the throughput command's fair comparison of schedules).
   */
  public static long keyedMs(LatencyModel m, long seed, int turn, int stage) {
    long key = seed * 0x9E3779B97F4A7C15L + turn * 0xBF58476D1CE4E5B9L + stage * 0x94D049BB133111EBL;
    return Math.max(0, m.sample(new Random(key)));
  }

  private long draw(LatencyModel m) {
    synchronized (rng) {
      return Math.max(0, m.sample(rng));
    }
  }

  private void sleep(long simulatedMs) throws InterruptedException {
    // to the microsecond, not the millisecond: scaled-down latencies of a few ms would otherwise be off by 10-50%
    long end = System.nanoTime() + Math.round(simulatedMs * config.sleepScale() * 1e6);
    for (long left; (left = end - System.nanoTime()) > 0; ) {
      LockSupport.parkNanos(left);
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
    }
  }

  private static void sleepMs(long ms) throws InterruptedException {
    if (ms > 0) {
      Thread.sleep(ms);
    }
  }

  private void sendError(HttpExchange ex, int status, String code, String message) throws IOException {
    Map<String, Object> err = new LinkedHashMap<>();
    err.put("code", code);
    err.put("message", message);
    send(ex, status, json.writeValueAsBytes(Map.of("error", err, "simulator", true)));
  }

  private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.getResponseHeaders().set("X-IRG-Simulator", "plumbing test tool, not a model");
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  /** Logged before the answer is sent, so that a client holding its answer always finds it in the log. */
  private void record(long n, String method, String path, String body, int status, String outcome) {
    synchronized (log) {
      log.add(new LoggedRequest(n, method, path, body, status, outcome));
    }
  }

  /** Command line: see {@link #usage()}. */
  public static void main(String[] args) throws Exception {
    SimConfig c = SimConfig.defaults();
    int port = 8000;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--help") || a.equals("-h")) {
        System.out.println(usage());
        return;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(a + " needs a value\n" + usage());
      }
      String v = args[++i];
      switch (a) {
        case "--port" -> port = Integer.parseInt(v);
        case "--name" -> c = c.withName(v);
        case "--text-latency" -> c = c.withLatency(LatencyModel.parse(v), c.imageLatency(), c.sleepScale());
        case "--image-latency" -> c = c.withLatency(c.textLatency(), LatencyModel.parse(v), c.sleepScale());
        case "--sleep-scale" -> c = c.withLatency(c.textLatency(), c.imageLatency(), Double.parseDouble(v));
        case "--fail" -> c = c.withFailures(SimConfig.parseFailureRates(v));
        case "--die-after" -> c = c.withDieAfter(Integer.parseInt(v));
        case "--capacity" -> c = c.withCapacity(Integer.parseInt(v));
        case "--serial" -> c = c.withSerial(Boolean.parseBoolean(v));
        case "--seed" -> c = c.withSeed(Long.parseLong(v));
        case "--fault-delay-ms" -> c = c.withFaultDelayMs(Long.parseLong(v));
        case "--keyed-latency" -> c = c.withKeyedLatency(Boolean.parseBoolean(v));
        case "--image-size" -> c = c.withImageSize(Integer.parseInt(v));
        case "--payload" -> c = c.withPayload(v);
        case "--data" -> c = c.withSystemPrompts(systemPromptHashes(Path.of(v)));
        case "--weights" -> c = c.withWeights(v.equals("none") ? null : v);
        case "--checkpoint-sha256" -> c = c.withCheckpointSha256(v.equals("none") ? null : v);
        default -> throw new IllegalArgumentException("unknown option " + a + "\n" + usage());
      }
    }
    IrgSimulator sim = start(c, port);
    System.out.println("IRG protocol SIMULATOR (plumbing test tool, not a model) on " + sim.uri()
        + " - images are coloured blocks; every answer says \"simulator\": true");
    Thread.currentThread().join();
  }

  /** Hashes of the system prompt files under {@code <data>/irg/}, by mode. */
  public static Map<String, String> systemPromptHashes(Path dataDir) throws IOException {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("irg", Hashing.sha256(dataDir.resolve("irg/irg_two_turn_system_prompt.txt")));
    m.put("think", Hashing.sha256(dataDir.resolve("irg/bagel_think_system_prompt.txt")));
    m.put("think-2025-06", m.get("think")); // both self-CoT flows use BAGEL's think prompt
    return m;
  }

  static String usage() {
    return """
        IrgSimulator - a loopback simulator of the IRG server protocol. A TEST TOOL, NOT A MODEL.
          --port N                 listen port on 127.0.0.1 (default 8000; 0 = any)
          --name NAME              label in the model name
          --text-latency SPEC      per text stage: fixed:MS | uniform:MIN:MAX | lognormal:MEDIAN:SIGMA (default fixed:0)
          --image-latency SPEC     per image stage (same forms)
          --sleep-scale X          fraction of the simulated latency actually slept (default 1.0)
          --fail CODE=P[,..]       failure rates: busy, out_of_memory, internal, bad_request (error answers);
                                   reset, slow_body, timeout (past the client's timeout), truncated_png, not_png,
                                   wrong_size, junk_json (a broken server's 200 answers)
          --fault-delay-ms MS      how long slow_body and timeout faults last (default 2000)
          --keyed-latency true     draw each stage's latency from (request seed, turn, stage): same work everywhere
          --image-size N           side of the square pictures (default 64; 0 = the requested width x height)
          --payload KIND           blocks (default) or realistic (~1.3 MB PNGs at 1024x1024)
          --die-after N            drop everything after N trajectory requests
          --capacity N             concurrent trajectories before answering busy (default 0 = unlimited)
          --serial true|false      one trajectory at a time, the rest queued, like one GPU (default false)
          --seed S                 seed of latency and failure draws (default 1)
          --data DIR               check system_prompt_sha256 against DIR/irg/*.txt
          --weights irg|bagel|none claim to hold IRG's or BAGEL's weights (health weights.modes); none: no claim
          --checkpoint-sha256 HEX  the checkpoint hash health reports (none: not hashed)
        """;
  }
}
