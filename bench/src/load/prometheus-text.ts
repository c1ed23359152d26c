/**
 * A reader for the Prometheus text exposition format (version 0.0.4), enough to read counters
 * off `GET /metrics`: `# HELP` / `# TYPE` and other comments are skipped, label values may hold
 * escaped quotes, backslashes and newlines, values may be `NaN`, `+Inf` or `-Inf`, and a
 * trailing timestamp is ignored.
 */

/** One sample line: `name{label="value",…} value [timestamp]`. */
export interface PrometheusSample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;

/** Parses a label set starting after `{`; returns the labels and the index after `}`. */
function parseLabels(line: string, start: number): { labels: Record<string, string>; end: number } | undefined {
  const labels: Record<string, string> = {};
  let i = start;
  for (;;) {
    while (line[i] === ' ' || line[i] === ',') i++;
    if (line[i] === '}') return { labels, end: i + 1 };
    const name = LABEL_NAME.exec(line.slice(i))?.[0];
    if (name === undefined) return undefined;
    i += name.length;
    while (line[i] === ' ') i++;
    if (line[i] !== '=' || line[i + 1] !== '"') return undefined;
    i += 2;
    let value = '';
    // A label value runs to the first unescaped quote.
    while (i < line.length && line[i] !== '"') {
      if (line[i] === '\\' && i + 1 < line.length) {
        const next = line[i + 1];
        value += next === 'n' ? '\n' : next;
        i += 2;
      } else {
        value += line[i];
        i++;
      }
    }
    if (i >= line.length) return undefined;
    labels[name] = value;
    i++;
  }
}

function parseValue(raw: string): number | undefined {
  if (raw === 'NaN') return Number.NaN;
  if (raw === '+Inf' || raw === 'Inf') return Number.POSITIVE_INFINITY;
  if (raw === '-Inf') return Number.NEGATIVE_INFINITY;
  const value = Number(raw);
  return raw !== '' && !Number.isNaN(value) ? value : undefined;
}

/** The sample on one line, or undefined for a comment, a blank line or a malformed line. */
export function parsePrometheusLine(rawLine: string): PrometheusSample | undefined {
  const line = rawLine.trim();
  if (line === '' || line.startsWith('#')) return undefined;
  const name = NAME.exec(line)?.[0];
  if (name === undefined) return undefined;
  let rest = name.length;
  let labels: Record<string, string> = {};
  if (line[rest] === '{') {
    const parsed = parseLabels(line, rest + 1);
    if (parsed === undefined) return undefined;
    labels = parsed.labels;
    rest = parsed.end;
  }
  const [valueText] = line.slice(rest).trim().split(/\s+/);
  const value = parseValue(valueText ?? '');
  return value === undefined ? undefined : { name, labels, value };
}

/** Every sample of an exposition text, in order (malformed lines are skipped). */
export function parsePrometheusText(text: string): PrometheusSample[] {
  const samples: PrometheusSample[] = [];
  for (const line of text.split('\n')) {
    const sample = parsePrometheusLine(line);
    if (sample !== undefined) samples.push(sample);
  }
  return samples;
}

/**
 * The value of metric `name` summed over all its label sets (a counter split by label adds up
 * to its total); 0 when the text has no sample of that name.
 */
export function prometheusMetricValue(text: string, name: string): number {
  let total = 0;
  for (const sample of parsePrometheusText(text)) if (sample.name === name) total += sample.value;
  return total;
}
