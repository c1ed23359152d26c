/**
 * Reading the chart writers' SVG back in tests, without an XML library: a strict well-formedness
 * check (balanced tags, quoted attributes, only known entities, nothing after the root) and the
 * attributes and text of the elements of a tag and class; the code and message of a chart error.
 */
import assert from 'node:assert/strict';
import { ChartInputError } from '@o2o/bench';

export interface SvgElement {
  readonly attrs: Readonly<Record<string, string>>;
  /** Text content up to the element's closing tag (empty for self-closing elements). */
  readonly text: string;
}

const TAG = /<(\/?)([A-Za-z][\w-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/y;
const ENTITY = /&(amp|lt|gt|quot|#39);/y;

/** Throws (assert) unless `svg` is one well-formed `<svg>` element, a trailing newline allowed. */
export function assertWellFormed(svg: string): void {
  const stack: string[] = [];
  let i = 0;
  let sawRoot = false;
  while (i < svg.length) {
    const c = svg[i]!;
    if (c === '<') {
      TAG.lastIndex = i;
      const m = TAG.exec(svg);
      assert.ok(m, `malformed tag at ${i}: ${JSON.stringify(svg.slice(i, i + 60))}`);
      const [, closing, name, attrs, selfClosing] = m;
      assert.doesNotMatch(attrs ?? '', /&(?!(amp|lt|gt|quot|#39);)/, `bare & in the attributes of <${name}> at ${i}`);
      if (closing === '/') assert.equal(stack.pop(), name, `closing </${name}> at ${i} does not match`);
      else if (selfClosing !== '/') stack.push(name!);
      if (stack.length === 0) sawRoot = true;
      i += m[0].length;
      continue;
    }
    if (c === '&') {
      ENTITY.lastIndex = i;
      const m = ENTITY.exec(svg);
      assert.ok(m, `bare & at ${i}: ${JSON.stringify(svg.slice(i, i + 20))}`);
      i += m[0].length;
      continue;
    }
    if (sawRoot && stack.length === 0) assert.match(c, /\s/, `content after the root element at ${i}`);
    else if (stack.length === 0) assert.match(c, /\s/, `content before the root element at ${i}`);
    i++;
  }
  assert.equal(stack.length, 0, `unclosed elements: ${stack.join(' > ')}`);
  assert.ok(sawRoot, 'no root element');
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
}

function parseAttrs(text: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of text.matchAll(/([\w:-]+)="([^"]*)"/g)) attrs[m[1]!] = m[2]!;
  return attrs;
}

/** Every `<tag …>` whose class list holds `className` (every `<tag>` when it is omitted), in document order. */
export function elements(svg: string, tag: string, className?: string): SvgElement[] {
  const found: SvgElement[] = [];
  const open = new RegExp(`<${tag}((?:\\s+[\\w:-]+="[^"]*")*)\\s*(/?)>`, 'g');
  for (const m of svg.matchAll(open)) {
    const attrs = parseAttrs(m[1] ?? '');
    if (className !== undefined && !(attrs.class ?? '').split(/\s+/).includes(className)) continue;
    const start = (m.index ?? 0) + m[0].length;
    const text = m[2] === '/' ? '' : svg.slice(start, svg.indexOf(`</${tag}>`, start)).replace(/<[^>]*>/g, '');
    found.push({ attrs, text });
  }
  return found;
}

/** The inner SVG of the first `<g class="…">` with that class (up to its matching `</g>`). */
export function group(svg: string, className: string): string {
  const start = svg.indexOf(`<g class="${className}"`);
  assert.ok(start >= 0, `no <g class="${className}">`);
  let depth = 0;
  const tags = /<(\/?)g[\s>]/g;
  tags.lastIndex = start;
  for (let m = tags.exec(svg); m !== null; m = tags.exec(svg)) {
    depth += m[1] === '/' ? -1 : 1;
    if (depth === 0) return svg.slice(start, m.index + 4);
  }
  throw new assert.AssertionError({ message: `<g class="${className}"> is not closed` });
}

/** Tick labels of an axis (`x-axis` or `y-axis`), in order. */
export function tickLabels(svg: string, axis: 'x-axis' | 'y-axis'): string[] {
  return elements(group(svg, axis), 'text').filter((t) => t.attrs.class !== 'axis-label').map((t) => t.text);
}

/** Legend entry names, in order (entities decoded). */
export function legendNames(svg: string): string[] {
  return elements(group(svg, 'legend'), 'text').map((t) => decodeEntities(t.text));
}

export function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e] ?? '');
}

export const num = (value: string | undefined): number => {
  assert.ok(value !== undefined, 'missing attribute');
  const n = Number(value);
  assert.ok(Number.isFinite(n), `not a number: ${value}`);
  return n;
};

/** `"<code>: <message>"` of the ChartInputError that `draw` throws, or "no error". */
export function chartFailure(draw: () => unknown): string {
  try {
    draw();
  } catch (e) {
    assert.ok(e instanceof ChartInputError, `expected a ChartInputError, got ${String(e)}`);
    return `${e.code}: ${e.message}`;
  }
  return 'no error';
}
