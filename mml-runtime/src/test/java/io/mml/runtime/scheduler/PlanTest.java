package io.mml.runtime.scheduler;

import io.mml.runtime.errors.MmlException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanTest {
  @TempDir
  Path dir;

  private static Plan plan(String mode, Step... steps) {
    return Plan.of(mode, List.of(steps));
  }

  private static final Step A1 = Step.perTask("a", "t1");
  private static final Step A2 = Step.perTask("a", "t2");
  private static final Step F = Step.perFold("f", "t1", 0);
  private static final Step B = Step.once("b");

  @Test
  void ofWrapsWithPrepareAndFinish() {
    Plan p = plan("m", A1, A2, B);
    assertEquals(List.of("prepare", "a[task=t1]", "a[task=t2]", "b", "finish"), p.ids());
  }

  @Test
  void writeReadRoundTrip() throws Exception {
    Plan p = plan("m", A1, F, B);
    p.write(dir);
    assertTrue(Files.exists(dir.resolve(Plan.FILE)));
    Plan back = Plan.read(dir);
    assertEquals(p, back);
    assertEquals(Optional.empty(), p.firstDifference(back));
  }

  @Test
  void readMissingPlanExplains() {
    MmlException e = assertThrows(MmlException.class, () -> Plan.read(dir));
    assertTrue(e.getMessage().contains(Plan.FILE), e.getMessage());
  }

  @Test
  void readCorruptPlanNamesTheFile() throws Exception {
    Files.writeString(dir.resolve(Plan.FILE), "{\"steps\": 3}");
    MmlException e = assertThrows(MmlException.class, () -> Plan.read(dir));
    assertTrue(e.getMessage().contains(dir.resolve(Plan.FILE).toString()), e.getMessage());
  }

  @Test
  void sameHasNoDifference() {
    assertEquals(Optional.empty(), plan("m", A1, B).firstDifference(plan("m", A1, B)));
  }

  @Test
  void changedStepIsNamed() {
    String d = plan("m", A1, B).firstDifference(plan("m", A2, B)).orElseThrow();
    assertTrue(d.contains("a[task=t1]") && d.contains("a[task=t2]"), d);
    assertTrue(d.contains("step 2"), d);
  }

  @Test
  void shorterNewPlanNamesTheFirstMissingStep() {
    String d = plan("m", A1, A2, B).firstDifference(plan("m", A1)).orElseThrow();
    // the new plan is prepare, a[t1], finish: third step differs (a[t2] vs finish)
    assertTrue(d.contains("a[task=t2]"), d);
  }

  @Test
  void prefixPlansNameTheMissingOrExtraStep() {
    Plan shortPlan = new Plan("m", List.of(Step.once("prepare"), A1));
    Plan longPlan = new Plan("m", List.of(Step.once("prepare"), A1, B));
    String missing = longPlan.firstDifference(shortPlan).orElseThrow();
    assertTrue(missing.contains("more steps") && missing.contains("'b'"), missing);
    String extra = shortPlan.firstDifference(longPlan).orElseThrow();
    assertTrue(extra.contains("new plan has more steps") && extra.contains("'b'"), extra);
  }

  @Test
  void longerNewPlanNamesTheFirstExtraStep() {
    String d = plan("m", A1).firstDifference(plan("m", A1, A2)).orElseThrow();
    assertTrue(d.contains("a[task=t2]"), d);
  }

  @Test
  void otherModeIsNamed() {
    String d = plan("m", A1).firstDifference(plan("n", A1)).orElseThrow();
    assertTrue(d.contains("'m'") && d.contains("'n'"), d);
  }
}
