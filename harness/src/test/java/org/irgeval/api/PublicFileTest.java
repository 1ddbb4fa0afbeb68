package org.irgeval.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PublicFileTest {
  @Test
  void rowsApplyWhenAllTheirTagsHold() {
    List<PublicFile> legacy = PublicFile.listed(PublicFileTest.class, "public-files-test.tsv",
        Set.of("version=legacy", "prompts=original"));
    assertEquals(List.of("always.json", "legacy.json"), legacy.stream().map(PublicFile::path).toList());
    List<PublicFile> rewrite = PublicFile.listed(PublicFileTest.class, "public-files-test.tsv",
        Set.of("version=legacy", "prompts=rewrite"));
    assertEquals(List.of("always.json", "legacy.json", "rewrite.json"), rewrite.stream().map(PublicFile::path).toList());
    PublicFile unpinned = PublicFile.listed(PublicFileTest.class, "public-files-test.tsv", Set.of("version=hub")).get(1);
    assertEquals(-1, unpinned.size());
    assertNull(unpinned.sha256());
  }

  @Test
  void unsafePathsAndBadHashesAreRefused() {
    URI u = URI.create("https://example.org/x");
    assertThrows(IllegalArgumentException.class, () -> new PublicFile("../x", u, 1, null));
    assertThrows(IllegalArgumentException.class, () -> new PublicFile("/etc/x", u, 1, null));
    assertThrows(IllegalArgumentException.class, () -> new PublicFile("x", u, 1, "ABC"));
  }
}
