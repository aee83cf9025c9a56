package io.mml.runtime.report;

/**
 * A small HTML builder whose every piece of text and every attribute value goes through
 * {@link #escape}, the one escaping function of the report: task names, paths, config values, error
 * messages and JSON data for the page's script (read back by the script as text, never as markup)
 * all pass through it. Only the report's own constant markup enters unescaped ({@link #raw}).
 */
public final class Html {
  private final StringBuilder sb;

  public Html() {
    this(4096);
  }

  public Html(int capacity) {
    sb = new StringBuilder(capacity);
  }

  /** Escapes text for an HTML text node or a quoted attribute value: {@code & < > " '}. */
  public static String escape(Object value) {
    String s = String.valueOf(value);
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String rep = switch (c) {
        case '&' -> "&amp;";
        case '<' -> "&lt;";
        case '>' -> "&gt;";
        case '"' -> "&quot;";
        case '\'' -> "&#39;";
        default -> null;
      };
      if (rep != null) {
        if (out == null) {
          out = new StringBuilder(s.length() + 16).append(s, 0, i);
        }
        out.append(rep);
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? s : out.toString();
  }

  /** Opens {@code tag} with attributes given as name, value pairs (values escaped; a null value is left out). */
  public Html open(String tag, Object... attributes) {
    sb.append('<').append(tag);
    attributes(attributes);
    sb.append('>');
    return this;
  }

  /** A void element such as {@code img} or an SVG shape: {@code <tag a="v"/>}. */
  public Html empty(String tag, Object... attributes) {
    sb.append('<').append(tag);
    attributes(attributes);
    sb.append("/>");
    return this;
  }

  /** Closes {@code tag}. */
  public Html close(String tag) {
    sb.append("</").append(tag).append('>');
    return this;
  }

  /** An element holding escaped text. */
  public Html el(String tag, Object text, Object... attributes) {
    return open(tag, attributes).text(text).close(tag);
  }

  /** Escaped text. */
  public Html text(Object text) {
    sb.append(escape(text));
    return this;
  }

  /** The report's own constant markup (never user data). */
  public Html raw(String markup) {
    sb.append(markup);
    return this;
  }

  /** Another builder's content. */
  public Html append(Html other) {
    sb.append(other.sb);
    return this;
  }

  /** Characters written so far. */
  public int length() {
    return sb.length();
  }

  private void attributes(Object[] attributes) {
    if (attributes.length % 2 != 0) {
      throw new IllegalArgumentException("attributes come in name, value pairs");
    }
    for (int i = 0; i < attributes.length; i += 2) {
      if (attributes[i + 1] != null) {
        sb.append(' ').append(attributes[i]).append("=\"").append(escape(attributes[i + 1])).append('"');
      }
    }
  }

  @Override
  public String toString() {
    return sb.toString();
  }
}
