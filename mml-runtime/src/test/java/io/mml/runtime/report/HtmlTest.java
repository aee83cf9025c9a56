package io.mml.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class HtmlTest {
  @Test
  void escapesTheFiveCharactersOfTextAndAttributes() {
    assertEquals("&lt;a href=&#39;x&#39;&gt;&amp;&quot;", Html.escape("<a href='x'>&\""));
    String plain = "demo_shapes fold 0";
    assertSame(plain, Html.escape(plain), "nothing to escape: the same string");
  }

  @Test
  void builderEscapesTextAndAttributeValuesAndDropsNullAttributes() {
    String html = new Html().el("td", "<b>", "title", "\"x\"", "class", null).empty("img", "alt", "a&b").toString();
    assertEquals("<td title=\"&quot;x&quot;\">&lt;b&gt;</td><img alt=\"a&amp;b\"/>", html);
  }
}
