package org.irgeval.util;

import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An HTTP exchange bounded in time and size. {@link HttpRequest#timeout()} covers only the wait for the response
 * headers: a server that then sends one byte a second, or an endless body, would hang a run or exhaust its memory.
 * Here the whole exchange, body included, must finish within a deadline, and a body larger than a maximum is cut
 * off; both fail with an {@link IOException} the callers treat as a transient failure.
 */
public final class BoundedHttp {
  private BoundedHttp() {}

  /**
   * @param maxBytes the largest body accepted
   * @param deadline the whole exchange's time limit
   * @throws HttpTimeoutException when the deadline passes (the exchange is cancelled)
   * @throws IOException          on a body over {@code maxBytes} or a transport failure
   */
  public static HttpResponse<byte[]> send(HttpClient client, HttpRequest request, long maxBytes, Duration deadline)
      throws IOException, InterruptedException {
    CompletableFuture<HttpResponse<byte[]>> f = client.sendAsync(request, info -> new Limited(maxBytes));
    try {
      return f.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      throw new HttpTimeoutException("no complete response within " + deadline.toSeconds() + " s (body included)");
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof IOException io) {
        throw io;
      }
      throw new IOException(c == null ? e.toString() : c.toString(), c);
    } catch (InterruptedException e) {
      f.cancel(true);
      throw e;
    }
  }

  /** Collects the body, failing as soon as it grows past the limit. */
  private static final class Limited implements HttpResponse.BodySubscriber<byte[]> {
    private final long max;
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    Limited(long max) {
      this.max = max;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      for (ByteBuffer b : items) {
        if (buf.size() + (long) b.remaining() > max) {
          subscription.cancel();
          result.completeExceptionally(new IOException("response body larger than " + max + " bytes"));
          return;
        }
        byte[] chunk = new byte[b.remaining()];
        b.get(chunk);
        buf.write(chunk, 0, chunk.length);
      }
    }

    @Override
    public void onError(Throwable t) {
      result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      result.complete(buf.toByteArray());
    }
  }
}
