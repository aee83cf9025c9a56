package io.mml.runtime.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskDescriptionsTest {
  @TempDir Path tmp;

  @Test
  void roundTripKeepsEverything() {
    TaskDescription d = Samples.description("rt", 3, 9);
    Path f = tmp.resolve("TASK_rt.json");
    TaskDescriptions.write(f, d);
    TaskDescription back = TaskDescriptions.read(f);
    assertEquals(d, back);
    assertEquals(d.header(), TaskDescriptions.readHeader(f));
    assertEquals(List.of("s1", "s4", "s7", "s2", "s5", "s8"), back.trainIds(0));
    assertEquals(List.of("s0", "s3", "s6"), back.valIds(0));
  }

  @Test
  void headerKeysComeFirstInFixedOrder() throws Exception {
    Path f = tmp.resolve("TASK_o.json");
    TaskDescriptions.write(f, Samples.description("o", 2, 4));
    List<String> keys = new ArrayList<>();
    for (Iterator<String> it = new ObjectMapper().readTree(f.toFile()).fieldNames(); it.hasNext();) {
      keys.add(it.next());
    }
    List<String> expected = new ArrayList<>(TaskDescriptions.HEADER_KEYS);
    expected.addAll(TaskDescriptions.BODY_KEYS);
    assertEquals(expected, keys);
  }

  /** Header text of a valid file, up to (excluding) the first body key, and that key's position. */
  private String headerPart(String name) throws Exception {
    Path f = tmp.resolve("TASK_" + name + ".json");
    TaskDescriptions.write(f, Samples.description(name, 2, 4));
    String s = Files.readString(f);
    return s.substring(0, s.indexOf("\"train_folds\""));
  }

  @Test
  void readHeaderStopsAtTheBodyEvenWhenTheBodyIsGarbage() throws Exception {
    Path f = tmp.resolve("TASK_g.json");
    Files.writeString(f, headerPart("g") + "\"train_folds\" : [@@@ this is not JSON at all }}}} ");
    TaskHeader h = TaskDescriptions.readHeader(f);
    assertEquals("g", h.name());
    assertEquals(2, h.numFolds());
    TaskException full = assertThrows(TaskException.class, () -> TaskDescriptions.read(f));
    assertTrue(full.getMessage().startsWith(f + ": malformed JSON"), full.getMessage());
    // truncated right after the start of the body: the header still reads
    Path t = tmp.resolve("TASK_t.json");
    Files.writeString(t, headerPart("t") + "\"train_folds\": [");
    assertEquals("t", TaskDescriptions.readHeader(t).name());
  }

  @Test
  void readHeaderReadsOnlyTheFirstBytesOfAHugeFile() throws Exception {
    Path f = tmp.resolve("TASK_h.json");
    String header = headerPart("h");
    try (OutputStream out = Files.newOutputStream(f)) {
      out.write(header.getBytes(StandardCharsets.UTF_8));
      out.write("\"train_folds\": [[".getBytes(StandardCharsets.UTF_8));
      byte[] chunk = "\"sample_id_xxxxxxxxxxxxxxxx\",".repeat(1000).getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < 700; i++) { // about 20 MB
        out.write(chunk);
      }
      out.write("\"last\"]]}".getBytes(StandardCharsets.UTF_8));
    }
    long size = Files.size(f);
    long[] read = {0};
    try (InputStream in = new FilterInputStream(Files.newInputStream(f)) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        read[0] += Math.max(0, n);
        return n;
      }

      @Override
      public int read() throws IOException {
        int c = super.read();
        read[0] += c < 0 ? 0 : 1;
        return c;
      }
    }) {
      assertEquals("h", TaskDescriptions.readHeader(in, f.toString()).name());
    }
    // Bytes read, not seconds, prove the streaming (readHeader(Path) reads through the same stream
    // reader); how fast it is belongs to bench/tasks-header.sh.
    assertTrue(size > 20_000_000);
    assertTrue(read[0] < header.length() + 64 * 1024, "read " + read[0] + " of " + size + " bytes");
    assertEquals("h", TaskDescriptions.readHeader(f).name());
  }

  private String error(String json) throws Exception {
    Path f = tmp.resolve("TASK_e.json");
    Files.writeString(f, json);
    return assertThrows(TaskException.class, () -> TaskDescriptions.read(f)).getMessage();
  }

  private String valid(String name) throws Exception {
    Path f = tmp.resolve("TASK_" + name + ".json");
    TaskDescriptions.write(f, Samples.description(name, 2, 4));
    return Files.readString(f);
  }

  @Test
  void missingHeaderKeyNamesFileAndKey() throws Exception {
    String s = valid("e").replaceFirst("\"means\" : \\[[^]]*],", "");
    String msg = error(s);
    assertTrue(msg.contains("TASK_e.json: key 'means': header key is missing"), msg);
    Path f = tmp.resolve("TASK_e.json");
    String h = assertThrows(TaskException.class, () -> TaskDescriptions.readHeader(f)).getMessage();
    assertTrue(h.contains("key 'means': header key is missing before the first body key 'train_folds'"), h);
  }

  @Test
  void unknownKeySuggestsTheClosest() throws Exception {
    String msg = error(valid("e").replace("\"keywords\"", "\"keywrods\""));
    assertTrue(msg.contains("TASK_e.json: key 'keywrods': is not a task description key. Did you mean 'keywords'?"),
        msg);
  }

  @Test
  void wrongTypesNameTheKey() throws Exception {
    String v = valid("e");
    assertTrue(error(v.replaceFirst("\"means\" : \\[[^]]*]", "\"means\" : \"red\""))
        .contains("key 'means': must be a list of numbers (one per channel), found string \"red\""));
    assertTrue(error(v.replaceFirst("\"sizes\" : \\[[^]]*]", "\"sizes\" : [1, 2]"))
        .contains("key 'sizes': must be a list [minHeight, maxHeight, minWidth, maxWidth]"));
    assertTrue(error(v.replace("\"num_folds\" : 2", "\"num_folds\" : \"2\""))
        .contains("key 'num_folds': must be a non-negative integer"));
    assertTrue(error(v.replace("\"0\" : \"a\"", "\"zero\" : \"a\""))
        .contains("key 'idx_to_class': 'zero' is not an integer class index"));
    assertTrue(error(v.replace("\"a\" : 2", "\"a\" : 2.5")).contains("key 'class_occ.a': must be a non-negative integer"));
    assertTrue(error(v.replace("\"train_folds\" : [", "\"train_folds\" : {\"x\": [").replaceFirst("]\\s*],", "]},"))
        .contains("key 'train_folds': must be a list of lists of sample ids"));
    assertTrue(error("[]").contains("TASK_e.json: must be a JSON object"));
  }

  @Test
  void samplePathsMustStayInsideTheDatasetFolder() throws Exception {
    String v = valid("e");
    String up = error(v.replace("\"img/t0.png\"", "\"../other/t0.png\""));
    assertTrue(up.contains("TASK_e.json: key 'test_samples.t0.image': path '../other/t0.png' escapes the dataset"
        + " folder"), up);
    String abs = error(v.replace("\"img/s1.png\"", "\"/etc/passwd\""));
    assertTrue(abs.contains("key 'train_samples.s1.image': path '/etc/passwd' is absolute"), abs);
    String win = error(v.replace("\"img/s1.png\"", "\"C:\\\\x.png\""));
    assertTrue(win.contains("is absolute"), win);
    TaskDescription d = Samples.description("w", 1, 2);
    var bad = new java.util.LinkedHashMap<>(d.testSamples());
    bad.put("t9", java.util.Map.of("image", "../x.png"));
    TaskException onWrite = assertThrows(TaskException.class, () -> TaskDescriptions.write(tmp.resolve("TASK_w.json"),
        new TaskDescription(d.header(), d.trainFolds(), d.trainSamples(), bad, d.unlabelledSamples())));
    assertTrue(onWrite.getMessage().contains("escapes the dataset folder"));
  }

  @Test
  void duplicateSampleIdsAreRejected() throws Exception {
    String v = valid("e");
    String within = error(v.replace("\"t1\" : {", "\"t0\" : {"));
    assertTrue(within.contains("key 'test_samples': duplicate sample id 't0'"), within);
    String across = error(v.replace("\"t1\" : {", "\"s1\" : {"));
    assertTrue(across.contains("duplicate sample id 's1' (already in train_samples)"), across);
  }

  @Test
  void foldAndCountConsistencyIsChecked() throws Exception {
    String v = valid("e");
    assertTrue(error(v.replace("\"num_folds\" : 2", "\"num_folds\" : 3"))
        .contains("key 'num_folds': is 3 but train_folds has 2 folds"));
    assertTrue(error(v.replace("\"num_samples\" : 4", "\"num_samples\" : 5"))
        .contains("key 'num_samples': is 5 but the description has 4 training samples"));
    assertTrue(error(v.replaceFirst("\"s0\", \"s2\"", "\"s0\", \"nope\""))
        .contains("key 'train_folds[0]': sample id 'nope' is not in train_samples"));
    assertTrue(error(v.replace("\"num_samples\" : 4", "\"num_samples\" : 3").replaceFirst("\"s0\", \"s2\"", "\"s0\""))
        .contains("1 training sample(s) are in no fold, e.g. 's2'"));
    assertTrue(error(v.replaceFirst("\"s0\", \"s2\"", "\"s0\", \"s1\"").replace("\"num_samples\" : 4",
        "\"num_samples\" : 4")).contains("sample id 's1' is in folds 0 and 1"));
  }

  @Test
  void missingFileIsNamed() {
    Path f = tmp.resolve("TASK_none.json");
    assertTrue(assertThrows(TaskException.class, () -> TaskDescriptions.readHeader(f)).getMessage()
        .contains(f + " does not exist"));
  }

  @Test
  void headerFromStreamOfBytes() throws Exception {
    String h = headerPart("s") + "\"train_folds\": 1}";
    assertEquals("s", TaskDescriptions.readHeader(new ByteArrayInputStream(h.getBytes(StandardCharsets.UTF_8)),
        "mem").name());
  }
}
