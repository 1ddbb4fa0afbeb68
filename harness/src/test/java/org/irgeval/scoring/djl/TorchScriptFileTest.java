package org.irgeval.scoring.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.irgeval.api.ComputeDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TorchScriptFile}: the one TorchScript load. Two of the three loads it replaced (geneval's
 * TorchScriptModel, genai-bench's ClipFlanT5Model) allocated the native model and did not close it when
 * {@code load} threw; the model here records its {@code close}.
 */
class TorchScriptFileTest {
  @TempDir
  Path tmp;

  /** A DJL model whose load fails as PyTorch's does on a file that is not TorchScript, counting close calls. */
  private static Model failingModel(AtomicInteger closed) {
    return (Model) Proxy.newProxyInstance(Model.class.getClassLoader(), new Class<?>[] {Model.class},
        (proxy, m, args) -> switch (m.getName()) {
          case "load" -> throw new MalformedModelException("not a TorchScript archive");
          case "close" -> {
            closed.incrementAndGet();
            yield null;
          }
          case "toString" -> "failing model";
          default -> throw new UnsupportedOperationException(m.getName());
        });
  }

  @Test
  void aFailedLoadClosesTheNativeModel() throws Exception {
    Path f = Files.writeString(tmp.resolve("broken.pt"), "not a model");
    AtomicInteger closed = new AtomicInteger();
    assertThrows(MalformedModelException.class, () -> TorchScriptFile.load("detector", f, () -> failingModel(closed)));
    assertEquals(1, closed.get(), "the model allocated before load must be closed when load throws");
  }

  @Test
  void aMissingFileIsAnIoErrorNamingWhatAndWhereBeforeAnyModelIsMade() {
    Path f = tmp.resolve("absent.pt");
    var e = assertThrows(java.io.IOException.class, () -> TorchScriptFile.load("CLIP image tower", f,
        ComputeDevice.CPU));
    assertTrue(e.getMessage().contains("CLIP image tower") && e.getMessage().contains(f.toString()), e.getMessage());
  }
}
