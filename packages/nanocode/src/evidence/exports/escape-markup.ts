// Characters XML 1.0 does not allow at all, even escaped: C0 controls other than tab/LF/CR, lone
// surrogates and U+FFFE/U+FFFF. Model output can hold any of them, so they are replaced, not escaped.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching these characters is the point.
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDFFF]/gu;

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/** Escapes text for XML or HTML element content. Characters XML cannot carry become U+FFFD. */
export function escapeText(text: string): string {
  return text.replace(NOT_XML_CHAR, '\uFFFD').replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/**
 * Escapes text for an XML or HTML attribute value (double or single quoted). Tab, LF and CR are escaped
 * too, because attribute-value normalization would otherwise turn them into spaces.
 */
export function escapeAttribute(text: string): string {
  return text.replace(NOT_XML_CHAR, '\uFFFD').replace(/[&<>"'\t\n\r]/g, (c) => ENTITIES[c] ?? c);
}
