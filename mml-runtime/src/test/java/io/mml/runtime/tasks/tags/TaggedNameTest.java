package io.mml.runtime.tasks.tags;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mml.runtime.tasks.TaskException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TaggedNameTest {

  private static String error(String name) {
    return assertThrows(TaskException.class, () -> TaggedName.parse(name)).getMessage();
  }

  private static void assertContains(String text, String... parts) {
    for (String p : parts) {
      assertTrue(text.contains(p), "expected '" + p + "' in: " + text);
    }
  }

  @Test
  void parsesBaseTagsAndArguments() {
    TaggedName n = TaggedName.parse("demo_shapes+subset?0_5+shrink_train?40?7+identity");
    assertEquals("demo_shapes", n.base());
    assertEquals(List.of(new TaggedName.Call("subset", List.of("0_5")), new TaggedName.Call("shrink_train",
        List.of("40", "7")), new TaggedName.Call("identity", List.of())), n.tags());
    assertEquals("demo_shapes", n.prefix(0));
    assertEquals("demo_shapes+subset?0_5", n.prefix(1));
    assertEquals("demo_shapes+subset?0_5+shrink_train?40?7", n.prefix(2));
    assertEquals(n.full(), n.prefix(3));
    assertTrue(n.isTagged());
  }

  @Test
  void untaggedNameHasNoTags() {
    TaggedName n = TaggedName.parse("demo_shapes");
    assertFalse(n.isTagged());
    assertEquals("demo_shapes", n.prefix(0));
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "t+identity", "t+nested?0", "t+nested?4?3", "t+subset?1", "t+subset?0_05", "t+shrink_train?100",
      "t+shrink_train?100?3", "t+shrink_equal?10", "t+shrink_equal?10?0", "t+redistribute_splits?0_7",
      "t+redistribute_splits?0_6?0_2", "t+redistribute_splits?0_6?0_2?0_2", "t+redistribute_splits?0_8?0_2",
      "t+confuse?0_1", "t+subset?0_05+confuse?0_1"})
  void validNames(String name) {
    assertEquals(name, TaggedName.parse(name).prefix(TaggedName.parse(name).tags().size()));
  }

  @Test
  void unknownTagNamesTheFullNameTheTagTheSuggestionAndTheValidTags() {
    assertContains(error("demo_shapes+subst?0_5"), "'demo_shapes+subst?0_5'", "unknown tag 'subst'",
        "Did you mean", "'subset'", "Valid tags:", "identity", "nested?<fold>[?<n_folds>=5]", "subset?<frac>",
        "shrink_train?<n_total>[?<seed>]", "shrink_equal?<n_per_class>[?<seed>]",
        "redistribute_splits?<train>[?<val>[?<test>]]", "confuse?<frac>");
  }

  @Test
  void dotInATagIsRejectedWithTheFix() {
    assertContains(error("demo_shapes+subset?0.5"), "'demo_shapes+subset?0.5'", "contains '.'", "'+subset?0_5'");
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "t+nested; takes 1 to 2 argument(s), got 0",
      "t+nested?1?2?3; takes 1 to 2 argument(s), got 3",
      "t+identity?1; takes 0 argument(s), got 1",
      "t+subset; takes 1 argument(s)",
      "t+subset?1_5; fraction in (0, 1]",
      "t+subset?0; fraction in (0, 1]",
      "t+subset?abc; is not a decimal number",
      "t+subset?; empty argument",
      "t+nested?x; must be a whole number",
      "t+nested?0?0; n_folds '0' must be at least 1",
      "t+shrink_train?0; n_total '0' must be at least 1",
      "t+shrink_train?10?-1; seed '-1'",
      "t+redistribute_splits?1; must be below 1",
      "t+redistribute_splits?0_8?0_3; must be at most 1",
      "t+redistribute_splits?0_5?0_2?0_2; must be exactly 1",
      "t+redistribute_splits?0?0_5; must be more than 0",
      "t++subset?0_5; empty tag",
      "t+subset?0_5+; empty tag",
      "t+Subset?0_5; unknown tag 'Subset'"})
  void badTagsAndArguments(String name, String expected) {
    String m = error(name);
    assertContains(m, "'" + name + "'", expected, "Valid tags:");
  }

  @Test
  void badBaseNames() {
    assertContains(error("a b+identity"), "'a b+identity'", "a space");
    assertContains(error(""), "empty");
    assertContains(error("+identity"), "empty");
  }

  @Test
  void decimalsUseUnderscore() {
    assertEquals(0.05, TagArgs.decimal("frac", "0_05"), 1e-12);
    assertEquals(2.0, TagArgs.decimal("frac", "2"), 1e-12);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TagArgs.decimal("frac", "0.5"));
    assertContains(e.getMessage(), "'0_5'");
  }

  @Test
  void defaultTagsAreTheSevenBuiltIns() {
    assertEquals(List.of("confuse", "identity", "nested", "redistribute_splits", "shrink_equal", "shrink_train",
        "subset"), Tags.defaults().names());
  }
}
