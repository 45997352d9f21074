/**
 * Escaping for every renderer that writes markup. All text that comes from the user's data
 * (code names, coder names, transcript text) passes through one of these two functions, so a
 * code called `<script>` or `R&D "core"` is shown as written and never becomes markup.
 */

/**
 * Characters XML 1.0 forbids anywhere in a document (C0 controls other than tab, newline and
 * carriage return, lone UTF-16 surrogates, U+FFFE/U+FFFF). They are replaced by U+FFFD so the
 * output stays well-formed; entity-escaping them would not help, because `&#1;` is forbidden too.
 */
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

function escapeMarkup(text: string): string {
  return text.replace(FORBIDDEN, "\uFFFD").replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/**
 * Escape text for XML (SVG) element content and attribute values (either quote style).
 * `&#39;` is used for the apostrophe rather than `&apos;` so the same SVG string can be
 * inlined into HTML unchanged.
 *
 * @example
 * escapeXml(`<script>"R&D"</script>`) // => "&lt;script&gt;&quot;R&amp;D&quot;&lt;/script&gt;"
 */
export function escapeXml(text: string): string {
  return escapeMarkup(text);
}

/**
 * Escape text for HTML element content and quoted attribute values. Same rules as
 * `escapeXml`: the five markup characters become entities and characters no document may
 * contain become U+FFFD.
 *
 * @example
 * escapeHtml(`I'd say <b>no</b>`) // => "I&#39;d say &lt;b&gt;no&lt;/b&gt;"
 */
export function escapeHtml(text: string): string {
  return escapeMarkup(text);
}
