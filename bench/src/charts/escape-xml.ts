/**
 * Text for SVG (XML 1.0) content and attribute values: the five markup characters become
 * entities, and control characters XML cannot hold become U+FFFD, so any label is safe to embed.
 */

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

// Tab, line feed and carriage return are allowed by XML 1.0; the other C0 controls are not.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c).replace(FORBIDDEN, '\uFFFD');
}
