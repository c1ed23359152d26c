/**
 * Errors of bulk order ingest (NDJSON streams, field mappings, platform webhooks).
 *
 * - {@link IngestLineError} is a **value**, not an exception: one bad line (or one bad order of a
 *   webhook push) is reported and the rest of the stream goes on. It names the line, the target
 *   field, the source path it was read from, the rule and the value:
 *   `line 3: items[1].quantity (from lines.1.qty) must be an integer ≥ 1, got 0`.
 * - {@link IngestConfigError} is thrown for a bad field-mapping spec or bad options (HTTP 500 at
 *   start-up, or 400 when an operator uploads a spec).
 * - {@link IngestLimitError} is thrown when a stream breaks a whole-request limit (HTTP 413).
 */

/**
 * Stable codes of {@link IngestLineError}.
 * - `LINE_TOO_LONG`: the line is over the splitter's `maxLineBytes` (its bytes were skipped).
 * - `INVALID_UTF8`: the line's bytes are not valid UTF-8.
 * - `INVALID_JSON`: the line is not one JSON value.
 * - `INVALID_RECORD`: the JSON value (or webhook payload) is not an object where one is expected.
 * - `MISSING_FIELD`: a required target field has no source value (absent or null).
 * - `INVALID_FIELD`: a source value breaks the rule of its target field (type, integer, range, time).
 * - `UNSUPPORTED_ORDER`: a webhook order that is not for delivery (pickup, eat-in...): nothing to dispatch.
 * - `CANCEL_REQUEST`: a webhook push that cancels an order instead of placing one (`orderId` says which).
 */
export type IngestLineErrorCode =
  | 'LINE_TOO_LONG'
  | 'INVALID_UTF8'
  | 'INVALID_JSON'
  | 'INVALID_RECORD'
  | 'MISSING_FIELD'
  | 'INVALID_FIELD'
  | 'UNSUPPORTED_ORDER'
  | 'CANCEL_REQUEST';

/** Why one line of an ingest stream (or one order of a webhook push) was not turned into an order. */
export interface IngestLineError {
  /** 1-based physical line of the stream (blank lines count), or 1-based order index in a webhook push. */
  readonly line: number;
  readonly code: IngestLineErrorCode;
  /** The target field of `CreateOrderBody`, e.g. `items[1].quantity`, `dropOff.lat`. */
  readonly field?: string;
  /** Where the value was read in the source record, e.g. `lines.1.qty`. */
  readonly source?: string;
  /** The rule, worded to follow the field: `must be an integer ≥ 1`. */
  readonly rule?: string;
  /** The offending value (long strings clipped, big objects summarised); absent when missing. */
  readonly value?: unknown;
  /** The target order id when it was already known (webhooks), to correlate with the platform. */
  readonly orderId?: string;
  /** One sentence with all of the above. */
  readonly message: string;
}

/** The parts of an {@link IngestLineError}; the message is built from them. */
export interface IngestLineErrorParts {
  readonly line: number;
  readonly code: IngestLineErrorCode;
  /** How the message names the record; default `line <line>`. */
  readonly where?: string;
  readonly field?: string;
  readonly source?: string;
  readonly rule: string;
  readonly value?: unknown;
  readonly orderId?: string;
}

/**
 * Builds an {@link IngestLineError}. Message shapes:
 * `line 3: items[1].quantity (from lines.1.qty) must be an integer ≥ 1, got 0`,
 * `line 4: dropOff.lat (from customer.geo.0) is required, but customer.geo.0 is missing`,
 * `line 9 must be at most 65536 bytes, got 70001` (no field: the line itself).
 */
export function ingestLineError(parts: IngestLineErrorParts): IngestLineError {
  const where = parts.where ?? `line ${parts.line}`;
  const subject = parts.field === undefined ? where : `${where}: ${parts.field}${parts.source === undefined ? '' : ` (from ${parts.source})`}`;
  let tail: string;
  if (parts.code === 'MISSING_FIELD') {
    tail = parts.source === undefined ? '' : `, but ${parts.source} is ${parts.value === null ? 'null' : 'missing'}`;
  } else {
    tail = `, got ${formatIngestValue(parts.value)}`;
  }
  const error: { -readonly [K in keyof IngestLineError]: IngestLineError[K] } = {
    line: parts.line,
    code: parts.code,
    message: `${subject} ${parts.rule}${tail}`,
  };
  if (parts.field !== undefined) error.field = parts.field;
  if (parts.source !== undefined) error.source = parts.source;
  error.rule = parts.rule;
  if (parts.value !== undefined) error.value = clipValue(parts.value);
  if (parts.orderId !== undefined) error.orderId = parts.orderId;
  return error;
}

/** Stable codes of {@link IngestConfigError}: a bad field-mapping spec, or a bad option. */
export type IngestConfigErrorCode = 'INVALID_MAPPING' | 'INVALID_OPTION';

/**
 * A field-mapping spec (or an option of the splitter or an adapter) breaks a rule. The field is
 * the path inside the spec: `fields["items"].each["quantity"].as must be "integer" for an item
 * quantity, got "iso8601"`.
 */
export class IngestConfigError extends Error {
  readonly code: IngestConfigErrorCode;
  /** The spec field at fault, e.g. `fields["dropOff.lat"].path`, `defaults["storeId"]`, `maxLines`. */
  readonly field: string;
  readonly rule: string;
  readonly value: unknown;

  constructor(code: IngestConfigErrorCode, field: string, rule: string, value: unknown) {
    super(`${field} ${rule}, got ${formatIngestValue(value)}`);
    this.name = 'IngestConfigError';
    this.code = code;
    this.field = field;
    this.rule = rule;
    this.value = clipValue(value);
  }
}

/** Stable codes of {@link IngestLimitError}. */
export type IngestLimitErrorCode = 'TOO_MANY_LINES';

/**
 * A whole-stream limit was broken (suggested HTTP status 413). `TOO_MANY_LINES`: the stream has
 * more than `limit` non-blank lines; `line` is the physical line that went over.
 */
export class IngestLimitError extends Error {
  readonly code: IngestLimitErrorCode;
  readonly limit: number;
  readonly line: number;

  constructor(code: IngestLimitErrorCode, limit: number, line: number) {
    super(`the stream must have at most ${limit} non-blank lines, got more (line ${line} is number ${limit + 1})`);
    this.name = 'IngestLimitError';
    this.code = code;
    this.limit = limit;
    this.line = line;
  }
}

/** A value for a message, short and unambiguous (as `@o2o/geo`'s `formatValue` renders it). */
export function formatIngestValue(value: unknown, depth = 0): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    if (value.length > 4 || depth >= 3) return `an array of length ${value.length}`;
    return `[${value.map((v) => formatIngestValue(v, depth + 1)).join(', ')}]`;
  }
  return typeof value === 'object' ? 'an object' : typeof value;
}

const MAX_VALUE_CHARS = 200;

/** Keeps an error's `value` small: long strings are clipped, big arrays and objects summarised. */
function clipValue(value: unknown): unknown {
  if (typeof value === 'string') return value.length > MAX_VALUE_CHARS ? `${value.slice(0, MAX_VALUE_CHARS - 3)}...` : value;
  if (typeof value !== 'object' || value === null) return value;
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    json = undefined;
  }
  return json !== undefined && json.length <= MAX_VALUE_CHARS ? value : formatIngestValue(value);
}
