package org.irgeval.pipeline.irg;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.irgeval.api.GeneratedTurn;
import org.irgeval.api.Generation;
import org.irgeval.api.GenerationRequest;
import org.irgeval.api.Pipeline;
import org.irgeval.api.RunStopException;
import org.irgeval.util.Json;
import org.irgeval.util.PngCheck;

/**
 * The client side of the IRG server protocol (docs/protocol.md): any number of endpoints behind one shared
 * {@link EndpointPool}, {@code concurrency} requests in flight per endpoint, retries with backoff on any
 * endpoint, endpoints taken out after repeated faults and probed again later. Thread-safe: the engine calls
 * {@link #generate} from {@link #parallelism()} threads and stores each result before asking for the next.
 */
public final class IrgPipeline implements Pipeline {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private final Preset preset;
  private final int turns;
  private final SystemPrompt systemPrompt;
  private final IrgOptions options;
  private final IrgHttpClient client;
  private final EndpointPool pool;
  private final ObjectMapper json = Json.mapper();
  private final int parallelism;
  private volatile boolean plumbing;
  /** Guards the checkpoint identity of the pool below. */
  private final Object identityLock = new Object();
  /** Set once {@link IrgPipeline} has compared the endpoints that answered at open. */
  private boolean poolEstablished;
  /** The pool's checkpoint SHA-256 (null: unknown, or mixed under allow_mixed_checkpoints). */
  private String poolSha;
  /** The pool's weights kind, as the endpoints that answered at open report it (null: no claim / mixed). */
  private String poolWeights;
  /** url -> checkpoint sha256 (or "null") of every endpoint whose health was read. */
  private final Map<String, String> checkpoints = new TreeMap<>();
  /** Endpoints admitted although their weights are not meant for the preset's mode (allow_weights_mismatch). */
  private final Map<String, String> weightsMismatches = new TreeMap<>();

  /**
   * Opens the pipeline: reads the system prompt and asks every endpoint for its health. Endpoints that do not
   * answer start taken out (probed later); endpoints that answer with the wrong mode set or system prompt are
   * refused for the run.
   *
   * @throws IllegalArgumentException when no endpoint is usable, naming each endpoint's problem
   */
  IrgPipeline(Preset preset, int turns, List<URI> endpoints, int concurrency, IrgOptions options)
      throws InterruptedException {
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("pipeline irg needs at least one --endpoint URL (an IRG server, see"
          + " pipelines/irg-server/README.md, or the simulator org.irgeval.pipeline.irg.sim.IrgSimulator)");
    }
    if (concurrency < 1) {
      throw new IllegalArgumentException("--concurrency must be >= 1: " + concurrency);
    }
    this.preset = preset;
    this.turns = turns;
    preset.turnParamsFor(turns); // validates turns against the mode now, not at the first request
    this.options = options;
    this.systemPrompt = preset.systemPrompt() == null ? null
        : SystemPrompt.read(options.dataDir(), preset.systemPrompt());
    this.client = new IrgHttpClient(options.connectTimeout(), options.healthTimeout(), options.requestTimeout());
    List<Endpoint> eps = new ArrayList<>();
    for (URI u : endpoints) {
      if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))
          || u.getHost() == null) {
        throw new IllegalArgumentException("--endpoint must be an http(s)://host:port URL: " + u);
      }
      if (eps.stream().anyMatch(e -> e.uri.equals(u))) {
        throw new IllegalArgumentException("--endpoint given twice: " + u + " (use --concurrency for more slots)");
      }
      eps.add(new Endpoint(u, concurrency, eps.size()));
    }
    this.pool = new EndpointPool(eps, options.retry(), this::probe);
    this.parallelism = eps.size() * concurrency;
    List<String> problems = new ArrayList<>();
    int reachable = 0;
    for (Endpoint e : eps) {
      String problem = probe(e);
      if (problem == null) {
        reachable++;
      } else if (e.state != Endpoint.State.REFUSED) {
        if (e.health != null) {
          reachable++; // answers but is still loading its model
        }
        pool.startOut(e, problem);
        problems.add(e.uri + ": " + problem);
      } else {
        problems.add(e.uri + ": " + problem);
      }
    }
    if (reachable == 0) {
      throw new IllegalArgumentException("no usable IRG endpoint: " + String.join("; ", problems));
    }
    establishCheckpoint(eps);
  }

  /**
   * The endpoints that answered at open must report one and the same known checkpoint SHA-256 (an unknown hash,
   * null, is refused even on a single endpoint: its answers could not be checked), unless
   * {@code allow_mixed_checkpoints=true}: a pool mixing checkpoints would silently mix two models' images in one
   * table.
   */
  private void establishCheckpoint(List<Endpoint> eps) {
    Map<String, String> seen = new TreeMap<>();
    Set<String> kinds = new TreeSet<>();
    for (Endpoint e : eps) {
      if (e.health != null && e.state != Endpoint.State.REFUSED) {
        seen.put(e.uri.toString(), String.valueOf(e.health.checkpointSha256()));
        kinds.add(e.health.weights() == null ? "null" : String.valueOf(e.health.weights().kind()));
      }
    }
    Set<String> distinct = new TreeSet<>(seen.values());
    // an unhashed checkpoint (--skip-checkpoint-hash) cannot be told from another one, not even from itself after a
    // restart on other weights (null == null): refused like a disagreeing pool, even alone
    boolean disagree = distinct.size() > 1 || distinct.contains("null");
    if (disagree && !options.allowMixedCheckpoints()) {
      throw new IllegalArgumentException("the --endpoint servers do not hold one known checkpoint (checkpoint SHA-256"
          + " by endpoint: " + seen + "; null = not hashed): a run over them would mix models. Start every server"
          + " on the same checkpoint file (and without --skip-checkpoint-hash), or pass --pipeline-opt"
          + " allow_mixed_checkpoints=true to run anyway (recorded in the manifest and the run settings)");
    }
    synchronized (identityLock) {
      checkpoints.putAll(seen);
      poolSha = disagree || distinct.isEmpty() ? null : distinct.iterator().next();
      if ("null".equals(poolSha)) {
        poolSha = null;
      }
      poolWeights = kinds.size() == 1 && !kinds.contains("null") ? kinds.iterator().next() : null;
      poolEstablished = true;
    }
  }

  /**
   * One health check. Returns null when the endpoint may serve; refuses it for the run on a configuration
   * mismatch (mode not served, different system prompt); otherwise returns the problem (it stays out).
   */
  private String probe(Endpoint e) throws InterruptedException {
    HealthAnswer h;
    try {
      h = client.health(e.uri);
    } catch (EndpointCallException ex) {
      return ex.getMessage();
    }
    e.health = h;
    if (h.isSimulator()) {
      plumbing = true;
    }
    String identity = checkIdentity(e, h);
    if (identity != null) {
      pool.refuse(e, identity);
      return identity;
    }
    if (h.modes() != null && !h.modes().contains(preset.mode().wire())) {
      String why = "serves modes " + h.modes() + ", not " + preset.mode().wire() + " (preset " + preset.name() + ")";
      pool.refuse(e, why);
      return why;
    }
    if (systemPrompt != null && h.systemPrompts() != null) {
      String theirs = h.systemPrompts().get(preset.mode().wire());
      if (theirs != null && !theirs.equals(systemPrompt.sha256())) {
        String why = "its " + preset.mode().wire() + " system prompt has SHA-256 " + theirs + " but "
            + systemPrompt.path() + " has " + systemPrompt.sha256();
        pool.refuse(e, why);
        return why;
      }
    }
    if (!h.ok()) {
      return "health status '" + h.status() + "'";
    }
    Integer running = h.queue() == null ? null : h.queue().get("running_s");
    if (running != null && running > options.requestTimeout().toSeconds()) {
      // its health thread answers while the model call hangs (a stuck kernel, a deadlock): "ok" is not healthy
      return "a request has been running on it for " + running + " s, longer than the request timeout ("
          + options.requestTimeout().toSeconds() + " s): stuck";
    }
    return null;
  }

  /**
   * Null when the endpoint's weights are meant for the preset's mode and (once the pool is established) its
   * checkpoint hash is the pool's; otherwise why it is refused for the run. The overrides
   * {@code allow_weights_mismatch} / {@code allow_mixed_checkpoints} admit it and are recorded.
   */
  private String checkIdentity(Endpoint e, HealthAnswer h) {
    String mode = preset.mode().wire();
    HealthAnswer.Weights w = h.weights();
    if (w == null || w.modes() == null) {
      if (!h.isSimulator() && !options.allowWeightsMismatch()) {
        return "its health answer says nothing about its weights (no 'weights'; a server older than the checkpoint"
            + " check, docs/protocol.md), so preset " + preset.name() + " (mode " + mode + ") cannot be checked"
            + " against them; pass --pipeline-opt allow_weights_mismatch=true to run anyway";
      }
    } else if (!w.modes().contains(mode)) {
      String why = "holds " + w.kind() + " weights (" + w.source() + "), meant for modes " + w.modes() + ", not for"
          + " mode " + mode + " of preset " + preset.name();
      if (!options.allowWeightsMismatch()) {
        return why + ": start it with the weights the preset needs, or pass --pipeline-opt"
            + " allow_weights_mismatch=true to run anyway (recorded in the manifest and the run settings)";
      }
      synchronized (identityLock) {
        weightsMismatches.put(e.uri.toString(), why);
      }
    }
    String sha = h.checkpointSha256();
    synchronized (identityLock) {
      if (poolEstablished && !options.allowMixedCheckpoints() && !Objects.equals(sha, poolSha)) {
        return "its checkpoint SHA-256 is " + sha + ", the pool's is " + poolSha + " (" + checkpoints + "): a run"
            + " over both would mix models; pass --pipeline-opt allow_mixed_checkpoints=true to run anyway";
      }
      if (poolEstablished) {
        checkpoints.put(e.uri.toString(), String.valueOf(sha));
      }
    }
    return null;
  }

  @Override
  public Map<String, Object> settings() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("pipeline", IrgPipelineProvider.ID);
    s.put("preset", preset.name());
    s.put("mode", preset.mode().wire());
    s.put("turns", turns);
    s.put("width", preset.width());
    s.put("height", preset.height());
    if (preset.think() != null) {
      s.put("think", json.convertValue(preset.think(), new TypeReference<Map<String, Object>>() {}));
    }
    s.put("turn_params", json.convertValue(preset.turnParamsFor(turns),
        new TypeReference<List<Map<String, Object>>>() {}));
    if (systemPrompt != null) {
      s.put("system_prompt", Map.of("file", "irg/" + systemPrompt.file(), "sha256", systemPrompt.sha256()));
    }
    if (preset.mode() != Mode.IRG) {
      // the BAGEL modes' images are the official img.crop(img.getbbox()) (docs/protocol.md, crop_box)
      s.put("postprocess", "crop to bbox (ByteDance-Seed/Bagel@056b5fd eval/gen/gen_images_mp_wise.py:348)");
    }
    synchronized (identityLock) {
      // a resumed run against another checkpoint would mix two models' images: the checkpoint is a setting
      Map<String, Object> ckpt = new LinkedHashMap<>();
      ckpt.put("sha256", poolSha);
      ckpt.put("weights", poolWeights);
      if (options.allowMixedCheckpoints()) {
        ckpt.put("allow_mixed_checkpoints", true);
      }
      if (options.allowWeightsMismatch()) {
        ckpt.put("allow_weights_mismatch", true);
      }
      s.put("checkpoint", ckpt);
    }
    s.put("seeding", "per sample: Seeds.derive(run seed, benchmark, prompt id, sample)");
    return s;
  }

  @Override
  public Map<String, Object> facts() {
    Map<String, Object> f = new LinkedHashMap<>();
    List<Map<String, Object>> eps = new ArrayList<>();
    for (Endpoint e : pool.endpoints()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("url", e.uri.toString());
      m.put("concurrency", e.concurrency);
      m.put("health", e.health == null ? null : json.convertValue(e.health, new TypeReference<Map<String, Object>>() {}));
      eps.add(m);
    }
    f.put("endpoints", eps);
    synchronized (identityLock) {
      Map<String, Object> id = new LinkedHashMap<>();
      id.put("sha256", poolSha);
      id.put("weights", poolWeights);
      id.put("by_endpoint", new TreeMap<>(checkpoints));
      id.put("allow_weights_mismatch", options.allowWeightsMismatch());
      id.put("allow_mixed_checkpoints", options.allowMixedCheckpoints());
      id.put("weights_mismatches", new TreeMap<>(weightsMismatches));
      Set<String> distinct = new TreeSet<>(checkpoints.values());
      id.put("mixed", distinct.size() > 1 || (checkpoints.size() > 1 && distinct.contains("null")));
      f.put("checkpoint", id);
    }
    f.put("preset_description", preset.description());
    f.put("preset_sources", preset.sources());
    f.put("preset_notes", preset.notes());
    if (systemPrompt != null) {
      f.put("system_prompt_path", systemPrompt.path().toString());
    }
    RetryPolicy r = options.retry();
    Map<String, Object> retry = new LinkedHashMap<>();
    retry.put("max_attempts", r.maxAttempts());
    retry.put("backoff_ms", r.baseBackoff().toMillis());
    retry.put("max_backoff_ms", r.maxBackoff().toMillis());
    retry.put("take_out_after", r.takeOutAfter());
    retry.put("cooldown_ms", r.cooldown().toMillis());
    retry.put("max_cooldown_ms", r.maxCooldown().toMillis());
    retry.put("endpoint_wait_s", r.endpointWait().toSeconds());
    f.put("retry", retry);
    return f;
  }

  @Override
  public int parallelism() {
    return parallelism;
  }

  @Override
  public boolean plumbing() {
    return plumbing;
  }

  /** The exact request body for {@code request} (what {@link #generate} sends). */
  TrajectoryRequest toWire(GenerationRequest request) {
    return new TrajectoryRequest(request.id(), request.prompt().text(), preset.mode(), request.turns(),
        request.seed(), preset.width(), preset.height(), preset.think(), preset.turnParamsFor(request.turns()),
        systemPrompt == null ? null : systemPrompt.sha256());
  }

  @Override
  public Generation generate(GenerationRequest request) throws TrajectoryFailedException, InterruptedException,
      RunStopException {
    byte[] body;
    try {
      body = json.writeValueAsBytes(toWire(request));
    } catch (IllegalArgumentException | JsonProcessingException e) {
      throw new TrajectoryFailedException(request.id() + ": " + e.getMessage(), false, ErrorCode.BAD_REQUEST, e);
    }
    Set<Endpoint> failedOn = new HashSet<>();
    EndpointCallException lastError = null;
    for (int attempt = 1; ; attempt++) {
      EndpointPool.Lease lease;
      try {
        lease = pool.acquire(failedOn);
      } catch (EndpointPool.NoEndpointException e) {
        if (e.allDown()) {
          throw new RunStopException(request.id() + ": " + e.getMessage() + "; the run stops (circuit"
              + " breaker: --pipeline-opt endpoint_down_s, default " + RetryPolicy.DEFAULT.downWait().toSeconds()
              + "); bring an endpoint up, then run the same command again to resume", e);
        }
        throw new TrajectoryFailedException(request.id() + ": " + e.getMessage(), true,
            lastError == null ? null : lastError.code(), lastError);
      }
      Endpoint ep = lease.endpoint();
      ep.countRequest(attempt > 1);
      long t0 = System.nanoTime();
      try {
        String answer = client.trajectory(ep.uri, body);
        Generation g = decode(request, ep, answer);
        long wallMs = (System.nanoTime() - t0) / 1_000_000;
        ep.countSuccess(wallMs, stageTimings(g));
        pool.releaseSuccess(lease);
        return g;
      } catch (EndpointCallException e) {
        ep.countFailure(e.code());
        pool.releaseFailure(lease, e.code(), e.getMessage());
        lastError = e;
        if (e.code().endpointFault()) {
          failedOn.add(ep); // busy is no fault: that endpoint may well take the retry
        }
        if (!e.code().retried()) {
          throw new TrajectoryFailedException(request.id() + ": " + e.getMessage(), false, e.code(), e);
        }
        if (attempt >= options.retry().maxAttempts()) {
          throw new TrajectoryFailedException(request.id() + ": gave up after " + attempt + " attempts; last: "
              + e.getMessage(), true, e.code(), e);
        }
      } catch (RuntimeException | Error e) {
        pool.releaseFailure(lease, ErrorCode.INTERNAL, e.toString());
        throw e;
      }
      Thread.sleep(options.retry().backoff(attempt).toMillis());
    }
  }

  private static Map<String, Long> stageTimings(Generation g) {
    Map<String, Long> m = new LinkedHashMap<>();
    for (int i = 0; i < g.turns().size(); i++) {
      int turn = i + 1;
      g.turns().get(i).timingsMs().forEach((stage, ms) -> m.put("turn" + turn + "." + stage, ms));
    }
    return m;
  }

  /** Parses and checks a 200 answer; a malformed one is an {@code internal} failure of that endpoint. */
  private Generation decode(GenerationRequest request, Endpoint ep, String answer) throws EndpointCallException {
    TrajectoryResponse r;
    try {
      r = json.readValue(answer, TrajectoryResponse.class);
    } catch (JsonProcessingException e) {
      throw invalid(ep, "unreadable JSON: " + e.getOriginalMessage());
    }
    if (r == null) {
      throw invalid(ep, "the answer is JSON null");
    }
    if (!request.id().equals(r.id())) {
      throw invalid(ep, "answered id '" + r.id() + "' for request '" + request.id() + "'");
    }
    if (r.seed() != null && r.seed() != request.seed()) {
      throw invalid(ep, "answered seed " + r.seed() + " for requested seed " + request.seed());
    }
    if (r.turns() == null || r.turns().size() != request.turns()) {
      throw invalid(ep, "answered " + (r.turns() == null ? 0 : r.turns().size()) + " turns, " + request.turns()
          + " requested");
    }
    String changed = answerIdentityProblem(r);
    if (changed != null) {
      // the server behind this URL is not the one the pool was opened with (restarted on other weights behind a
      // load balancer, or never hashed): its pictures must not enter the run, now or later
      pool.refuse(ep, changed);
      throw invalid(ep, changed + "; refused for the rest of the run");
    }
    boolean sim = Boolean.TRUE.equals(r.simulator()) || (ep.health != null && ep.health.isSimulator());
    List<GeneratedTurn> out = new ArrayList<>();
    for (int i = 0; i < r.turns().size(); i++) {
      TrajectoryResponse.Turn t = r.turns().get(i);
      if (t == null) {
        throw invalid(ep, "turn " + (i + 1) + " is null");
      }
      byte[] png;
      try {
        png = Base64.getDecoder().decode(t.imagePngBase64() == null ? "" : t.imagePngBase64());
      } catch (IllegalArgumentException e) {
        throw invalid(ep, "turn " + (i + 1) + ": image_png_base64 is not base64");
      }
      checkPng(ep, i + 1, png, sim, t.cropBox());
      out.add(new GeneratedTurn(t.text() == null ? "" : t.text(), png,
          withoutNulls(t.timingsMs()), withoutNulls(t.tokens()))); // {"image": null} is no timing, not an NPE
    }
    Map<String, String> model = new LinkedHashMap<>();
    if (r.model() != null) {
      r.model().forEach((k, v) -> {
        if (k != null && v != null) {
          model.put(k, v);
        }
      });
    }
    // each generation records the checkpoint its own answer names, never a health answer read earlier
    if (r.checkpointSha256() != null) {
      model.put("sha256", r.checkpointSha256());
    }
    if (r.weightsKind() != null) {
      model.put("weights", r.weightsKind());
    }
    if (sim) {
      plumbing = true;
    }
    return new Generation(out, model, ep.uri.toString(), sim);
  }

  /**
   * Null when a 200 answer names the pool's checkpoint SHA-256 and weights kind (docs/protocol.md, "Checkpoint
   * identity"); otherwise why that endpoint is refused. {@code allow_mixed_checkpoints} lifts the hash comparison,
   * {@code allow_weights_mismatch} the kind comparison (both are recorded in the run settings).
   */
  private String answerIdentityProblem(TrajectoryResponse r) {
    synchronized (identityLock) {
      if (!options.allowMixedCheckpoints()) {
        if (!r.namesCheckpoint()) {
          return "its answer names no checkpoint (no model.sha256: a server older than docs/protocol.md's"
              + " \"Checkpoint identity\"), so it cannot be told from another model; update the server or pass"
              + " --pipeline-opt allow_mixed_checkpoints=true";
        }
        if (!Objects.equals(r.checkpointSha256(), poolSha)) {
          return "its answer was drawn with checkpoint SHA-256 " + r.checkpointSha256() + ", the pool's is "
              + poolSha + " (a server restarted on other weights behind the same URL?)";
        }
      }
      if (!options.allowWeightsMismatch() && poolWeights != null
          && !Objects.equals(r.weightsKind(), poolWeights)) {
        return "its answer was drawn with " + r.weightsKind() + " weights, the pool holds " + poolWeights;
      }
    }
    return null;
  }

  /**
   * PNG signature, the whole PNG decoded (a file cut inside its pixel data is refused here, as an {@code internal}
   * failure of the endpoint, retried elsewhere), and the decoded image's size against the request's: a model must
   * draw the requested width x height (or the crop box it reports, BAGEL modes: {@code img.crop(img.getbbox())}
   * inside the requested frame); a simulator may draw a plumbing picture scaled down from the requested size by a
   * whole number (its 64x64 blocks for 1024x1024), never another shape.
   */
  private void checkPng(Endpoint ep, int turn, byte[] png, boolean sim, List<Integer> cropBox)
      throws EndpointCallException {
    if (png.length < 24 || !Arrays.equals(Arrays.copyOf(png, 8), PNG_SIGNATURE)) {
      throw invalid(ep, "turn " + turn + ": image is not a PNG");
    }
    java.awt.image.BufferedImage img;
    try {
      img = PngCheck.decode(png);
    } catch (IOException e) {
      throw invalid(ep, "turn " + turn + ": " + e.getMessage());
    }
    int w = img.getWidth();
    int h = img.getHeight();
    int ew = preset.width();
    int eh = preset.height();
    if (cropBox != null) {
      if (preset.mode() == Mode.IRG || cropBox.size() != 4 || cropBox.contains(null) || cropBox.get(0) < 0
          || cropBox.get(1) < 0 || cropBox.get(2) > ew || cropBox.get(3) > eh || cropBox.get(0) >= cropBox.get(2)
          || cropBox.get(1) >= cropBox.get(3)) {
        throw invalid(ep, "turn " + turn + ": crop_box " + cropBox + " is not a box inside " + ew + "x" + eh
            + (preset.mode() == Mode.IRG ? " (mode irg is never cropped)" : ""));
      }
      ew = cropBox.get(2) - cropBox.get(0);
      eh = cropBox.get(3) - cropBox.get(1);
    }
    if (!sizeFits(w, h, ew, eh, sim)) {
      throw invalid(ep, "turn " + turn + ": image is " + w + "x" + h + ", expected " + ew + "x" + eh
          + (cropBox == null ? "" : " (crop_box " + cropBox + ")")
          + (sim ? " or that size divided by a whole number (simulator)" : ""));
    }
  }

  /** The decoded size against the expected one: equal, or for a simulator that size divided by one whole number. */
  static boolean sizeFits(int w, int h, int expectedW, int expectedH, boolean simulator) {
    if (w == expectedW && h == expectedH) {
      return true;
    }
    return simulator && w > 0 && h > 0 && expectedW % w == 0 && expectedH % h == 0
        && expectedW / w == expectedH / h;
  }

  private static <V> Map<String, V> withoutNulls(Map<String, V> m) {
    Map<String, V> out = new LinkedHashMap<>();
    if (m != null) {
      m.forEach((k, v) -> {
        if (k != null && v != null) {
          out.put(k, v);
        }
      });
    }
    return out;
  }

  private static EndpointCallException invalid(Endpoint ep, String why) {
    return new EndpointCallException(ErrorCode.INTERNAL, 200, ep.uri + ": invalid /v1/trajectory answer: " + why,
        null);
  }

  @Override
  public Map<String, Object> stats() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("endpoints", pool.stats());
    return s;
  }

  @Override
  public void close() {
    client.close();
  }
}
