/**
 * A declarative mapping from any JSON order shape to `CreateOrderBody`, written as JSON so an
 * operator configures a new platform without code:
 *
 * ```json
 * { "name": "acme", "fields": {
 *     "id": { "path": "order.ref" },
 *     "storeId": { "path": "shop.code", "prefix": "acme-" },
 *     "dropOff.lat": { "path": "customer.geo.0" }, "dropOff.lng": { "path": "customer.geo.1" },
 *     "placedAt": { "path": "created", "as": "iso8601" },
 *     "promisedBy": { "path": "deadline", "as": "epoch-ms" },
 *     "items": { "path": "lines", "each": { "sku": { "path": "code" }, "quantity": { "path": "qty", "as": "integer" } } }
 *   },
 *   "defaults": { "promisedBy": null } }
 * ```
 *
 * - **Targets** (keys of `fields`): `id`, `storeId`, `externalRef` (text), `placedAt`,
 *   `promisedBy` (instants), `size` (integer ≥ 1), `dropOff.lat`, `dropOff.lng` (degrees), and
 *   `items` with `each` over `sku` (text), `quantity` (integer ≥ 1), `size` (integer ≥ 0).
 *   `items`, `dropOff.lat`, `dropOff.lng`, and `sku` and `quantity` inside `items`, are required.
 * - **Paths** are dotted, from the record root (inside `each`: from the item); a numeric segment
 *   indexes an array (`customer.geo.0`). Only own properties are read; a key containing a dot
 *   cannot be addressed.
 * - **`as`** says how the source is read: `string` (text targets; numbers become their decimal
 *   text), `integer` (counts), `number` (coordinates), and for instants `iso8601` (with a time
 *   zone), `epoch-ms` or `epoch-s` (default). Numbers may arrive as numeric strings. Instants become
 *   integer epoch seconds and must fall in 2000–2099. `as` may be left out: each target has one
 *   natural reading (instants default to `epoch-s`).
 * - **`prefix`** (text targets only) is prepended to the value read.
 * - **`defaults`** give a final value (already in target units, no prefix) for an optional target
 *   whose source is absent or null, or for a target with no field rule at all (a constant). `null`
 *   means "leave it out" (the service applies its own default), which is also what happens to an
 *   optional target without a default.
 *
 * Only shape is checked here (types, integers, coordinate ranges, presence of the required
 * targets); the service validates the business rules of the body afterwards.
 */
import type { CreateOrderBody } from '../api/api-types.js';
import { ingestLineError, type IngestLineError } from './ingest-error.js';
import { compileSpec, convertForTarget, isRecord, readPath, type CompiledRule, type CompiledSpec, type FieldMappingSpec } from './field-mapping-spec.js';

export type { FieldMappingSpec, FieldRuleSpec } from './field-mapping-spec.js';

/** An order body, or why the record could not become one. */
export type OrderIngestResult = { readonly ok: true; readonly body: CreateOrderBody } | { readonly ok: false; readonly error: IngestLineError };

/** A validated field mapping. */
export interface FieldMapping {
  readonly name: string;
  /** A frozen copy of the spec it was compiled from. */
  readonly spec: FieldMappingSpec;
  /** Maps one parsed record (`lineNo` names it in errors); never throws. */
  apply(source: unknown, lineNo: number): OrderIngestResult;
}

type Failure = { readonly ok: false; readonly error: IngestLineError };
type Step<T> = { readonly ok: true; readonly value: T } | Failure;

/**
 * Validates a spec and compiles it. Throws {@link IngestConfigError} `INVALID_MAPPING` naming the
 * spec field at fault (`fields["dropOff.lat"].path`, `defaults["storeId"]`...).
 */
export function compileFieldMapping(spec: unknown): FieldMapping {
  const compiled = compileSpec(spec);
  const frozen = deepFreeze(structuredClone(spec)) as FieldMappingSpec;
  return { name: compiled.name, spec: frozen, apply: (source, lineNo) => applyMapping(compiled, source, lineNo) };
}

function applyMapping(compiled: CompiledSpec, source: unknown, line: number): OrderIngestResult {
  if (!isRecord(source)) return { ok: false, error: ingestLineError({ line, code: 'INVALID_RECORD', rule: 'must be a JSON object', value: source }) };
  const values = new Map<string, unknown>();
  for (const [target, rule] of compiled.rules) {
    const raw = readPath(source, rule.segments);
    if (raw === undefined || raw === null) {
      if (rule.def.isRequired) return missing(line, target, rule.path, raw);
      continue;
    }
    const step = rule.each === undefined ? convertScalar(rule, raw, line, target, rule.path) : mapItems(rule, rule.each, raw, line);
    if (!step.ok) return step;
    values.set(target, step.value);
  }
  for (const [target, value] of compiled.defaults) {
    if (!values.has(target) && value !== null) values.set(target, value);
  }
  return { ok: true, body: assembleBody(values) };
}

function mapItems(rule: CompiledRule, each: ReadonlyMap<string, CompiledRule>, raw: unknown, line: number): Step<unknown[]> {
  if (!Array.isArray(raw) || raw.length === 0) return invalid(line, 'items', rule.path, 'must be a non-empty array', raw);
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < raw.length; i++) {
    const element: unknown = raw[i];
    const field = `items[${i}]`;
    const base = `${rule.path}.${i}`;
    if (!isRecord(element)) return invalid(line, field, base, 'must be a JSON object', element);
    const item: Record<string, unknown> = {};
    for (const [target, itemRule] of each) {
      const value = readPath(element, itemRule.segments);
      if (value === undefined || value === null) {
        if (itemRule.def.isRequired) return missing(line, `${field}.${target}`, `${base}.${itemRule.path}`, value);
        continue;
      }
      const step = convertScalar(itemRule, value, line, `${field}.${target}`, `${base}.${itemRule.path}`);
      if (!step.ok) return step;
      item[target] = step.value;
    }
    items.push(item);
  }
  return { ok: true, value: items };
}

function convertScalar(rule: CompiledRule, raw: unknown, line: number, field: string, source: string): Step<string | number> {
  const converted = convertForTarget(rule.def, rule.as, raw);
  if (!converted.ok) return invalid(line, field, source, converted.rule, raw);
  return { ok: true, value: typeof converted.value === 'string' ? rule.prefix + converted.value : converted.value };
}

const BODY_KEYS_BEFORE_DROP_OFF = ['id', 'storeId', 'items'] as const;
const BODY_KEYS_AFTER_DROP_OFF = ['placedAt', 'promisedBy', 'size', 'externalRef'] as const;

/** The body in the field order of `CreateOrderBody`, with only the fields that have a value. */
function assembleBody(values: ReadonlyMap<string, unknown>): CreateOrderBody {
  const body: Record<string, unknown> = {};
  for (const key of BODY_KEYS_BEFORE_DROP_OFF) if (values.has(key)) body[key] = values.get(key);
  body['dropOff'] = { lat: values.get('dropOff.lat'), lng: values.get('dropOff.lng') };
  for (const key of BODY_KEYS_AFTER_DROP_OFF) if (values.has(key)) body[key] = values.get(key);
  return body as unknown as CreateOrderBody;
}

function missing(line: number, field: string, source: string, value: unknown): Failure {
  return { ok: false, error: ingestLineError({ line, code: 'MISSING_FIELD', field, source, rule: 'is required', value }) };
}

function invalid(line: number, field: string, source: string, rule: string, value: unknown): Failure {
  return { ok: false, error: ingestLineError({ line, code: 'INVALID_FIELD', field, source, rule, value }) };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
