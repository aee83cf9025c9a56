package io.mml.processor;

import static com.google.common.truth.Truth.assertThat;

import io.mml.processor.model.YamlText;
import io.mml.processor.option.MmlOptions;
import io.mml.processor.validate.Names;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The small text rules without javac: YAML quoting, snake_case keys, options. */
class TextRulesTest {
  @Test
  void yamlQuotesOnlyWhenNeeded() {
    assertThat(YamlText.string("no_norm")).isEqualTo("no_norm");
    assertThat(YamlText.string("/data/in")).isEqualTo("/data/in");
    assertThat(YamlText.string("hello world")).isEqualTo("hello world");
    assertThat(YamlText.string("yes")).isEqualTo("'yes'");
    assertThat(YamlText.string("Null")).isEqualTo("'Null'");
    assertThat(YamlText.string("12")).isEqualTo("'12'");
    assertThat(YamlText.string("1e5")).isEqualTo("'1e5'");
    assertThat(YamlText.string("2024-01-02")).isEqualTo("'2024-01-02'");
    assertThat(YamlText.string("a: b")).isEqualTo("'a: b'");
    assertThat(YamlText.string("it's")).isEqualTo("'it''s'");
    assertThat(YamlText.string("")).isEqualTo("''");
    assertThat(YamlText.string("two\nlines")).isEqualTo("\"two\\nlines\"");
    assertThat(YamlText.string("-x")).isEqualTo("'-x'");
    assertThat(YamlText.string("über")).isEqualTo("'über'");
    assertThat(YamlText.string(null)).isEqualTo("null");
  }

  @Test
  void snakeCase() {
    assertThat(Names.snakeCase("varOne")).isEqualTo("var_one");
    assertThat(Names.snakeCase("myURLPath")).isEqualTo("my_url_path");
    assertThat(Names.snakeCase("var1")).isEqualTo("var1");
    assertThat(Names.snakeCase("x")).isEqualTo("x");
  }

  @Test
  void options() {
    MmlOptions none = MmlOptions.parse(Map.of("mml.main", "none", "mml.verbose", "TRUE"));
    assertThat(none.mainEnabled()).isFalse();
    assertThat(none.verbose()).isTrue();
    assertThat(none.problems()).isEmpty();
    MmlOptions named = MmlOptions.parse(Map.of("mml.main", "com.acme.Main"));
    assertThat(named.mainClass()).hasValue("com.acme.Main");
    MmlOptions bad = MmlOptions.parse(Map.of("mml.main", "com.acme.class"));
    assertThat(bad.problems()).hasSize(1);
    assertThat(bad.mainEnabled()).isTrue();
  }
}
