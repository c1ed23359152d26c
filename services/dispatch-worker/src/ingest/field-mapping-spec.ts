/**
 * Validation and compilation of a field-mapping spec (the JSON an operator writes; see
 * `field-mapping.ts` for the format). Every rule a spec breaks throws {@link IngestConfigError}
 * `INVALID_MAPPING` naming the spec field: `fields["items"].each["quantity"].as must be "integer"
 * for items[].quantity, got "iso8601"`.
 */
import { IngestConfigError } from './ingest-error.js';
import { MAX_INSTANT_SEC, MIN_INSTANT_SEC, toInstantSec, toInteger, toNumber, toText, VALUE_CONVERSIONS, type Converted, type ValueConversion } from './ingest-values.js';

/** One field rule of a {@link FieldMappingSpec}. */
export interface FieldRuleSpec {
  /** Dotted source path, e.g. `customer.geo.0`. */
  readonly path: string;
  readonly as?: ValueConversion;
  /** Text targets only: prepended to the value. */
  readonly prefix?: string;
  /** `items` only: the rules of each element, paths relative to the element. */
  readonly each?: Readonly<Record<string, FieldRuleSpec>>;
}

/** The JSON an operator writes; see `field-mapping.ts`. */
export interface FieldMappingSpec {
  /** 1–64 characters; names the mapping in logs and configuration. */
  readonly name: string;
  readonly description?: string;
  readonly fields: Readonly<Record<string, FieldRuleSpec>>;
  readonly defaults?: Readonly<Record<string, string | number | null>>;
}

/** What a target field holds, which decides how its source is read and checked. */
export type TargetKind = 'text' | 'count' | 'lat' | 'lng' | 'instant' | 'items';

export interface TargetDef {
  readonly kind: TargetKind;
  readonly isRequired: boolean;
  /** Smallest value of a `count`. */
  readonly min: number;
}

const text = (isRequired: boolean): TargetDef => ({ kind: 'text', isRequired, min: 0 });
const count = (min: number, isRequired: boolean): TargetDef => ({ kind: 'count', isRequired, min });

/** Order-level targets, in the order they are read and reported. */
export const ORDER_TARGET_DEFS: ReadonlyMap<string, TargetDef> = new Map([
  ['id', text(false)],
  ['storeId', text(false)],
  ['items', { kind: 'items', isRequired: true, min: 1 }],
  ['dropOff.lat', { kind: 'lat', isRequired: true, min: 0 }],
  ['dropOff.lng', { kind: 'lng', isRequired: true, min: 0 }],
  ['placedAt', { kind: 'instant', isRequired: false, min: 0 }],
  ['promisedBy', { kind: 'instant', isRequired: false, min: 0 }],
  ['size', count(1, false)],
  ['externalRef', text(false)],
]);

/** Targets inside `items[].each`. */
export const ITEM_TARGET_DEFS: ReadonlyMap<string, TargetDef> = new Map([
  ['sku', text(true)],
  ['quantity', count(1, true)],
  ['size', count(0, false)],
]);

/** The conversions each kind accepts in `as`; the first is the default. */
const ALLOWED_AS: Readonly<Record<TargetKind, readonly ValueConversion[]>> = {
  text: ['string'],
  count: ['integer'],
  lat: ['number'],
  lng: ['number'],
  instant: ['epoch-s', 'iso8601', 'epoch-ms'],
  items: [],
};

/** A compiled field rule. */
export interface CompiledRule {
  readonly def: TargetDef;
  /** The source path as written (for messages). */
  readonly path: string;
  readonly segments: readonly string[];
  readonly as: ValueConversion;
  readonly prefix: string;
  /** `items` only: the element rules. */
  readonly each?: ReadonlyMap<string, CompiledRule>;
}

/** A compiled spec: rules and defaults by target. */
export interface CompiledSpec {
  readonly name: string;
  readonly rules: ReadonlyMap<string, CompiledRule>;
  readonly defaults: ReadonlyMap<string, string | number | null>;
}

const SPEC_KEYS = ['name', 'description', 'fields', 'defaults'];
const RULE_KEYS = ['path', 'as', 'prefix', 'each'];
const REQUIRED_ORDER_TARGETS = ['items', 'dropOff.lat', 'dropOff.lng'];

/** Validates a whole spec; throws {@link IngestConfigError} on the first rule broken. */
export function compileSpec(spec: unknown): CompiledSpec {
  if (!isRecord(spec)) throw mappingError('spec', 'must be a JSON object', spec);
  assertKnownKeys(spec, SPEC_KEYS, '');
  const name = spec['name'];
  if (typeof name !== 'string' || name.length < 1 || name.length > 64) throw mappingError('name', 'must be a string of 1–64 characters', name);
  if (spec['description'] !== undefined && typeof spec['description'] !== 'string') throw mappingError('description', 'must be a string', spec['description']);
  const fields = spec['fields'];
  if (!isRecord(fields)) throw mappingError('fields', 'must be a JSON object of target field → rule', fields);
  const rules = compileRules(fields, ORDER_TARGET_DEFS, 'fields');
  for (const target of REQUIRED_ORDER_TARGETS) {
    if (!rules.has(target)) throw mappingError(`fields["${target}"]`, 'is required (every order needs items and dropOff coordinates)', undefined);
  }
  return { name, rules, defaults: compileDefaults(spec['defaults']) };
}

function compileRules(fields: Record<string, unknown>, defs: ReadonlyMap<string, TargetDef>, at: string): Map<string, CompiledRule> {
  const byTarget = new Map<string, CompiledRule>();
  for (const [target, rule] of Object.entries(fields)) {
    const field = `${at}["${target}"]`;
    const def = defs.get(target);
    if (def === undefined) throw mappingError(field, `is not a target field (expected one of ${[...defs.keys()].join(', ')})`, rule);
    byTarget.set(target, compileRule(def, rule, field, target));
  }
  // In the order of `defs`, whatever the spec's key order: the first error reported is stable.
  const rules = new Map<string, CompiledRule>();
  for (const target of defs.keys()) {
    const rule = byTarget.get(target);
    if (rule !== undefined) rules.set(target, rule);
  }
  return rules;
}

function compileRule(def: TargetDef, rule: unknown, field: string, target: string): CompiledRule {
  if (!isRecord(rule)) throw mappingError(field, 'must be a JSON object such as { "path": "order.ref" }', rule);
  assertKnownKeys(rule, RULE_KEYS, field);
  const path = rule['path'];
  const segments = typeof path === 'string' ? parsePath(path) : undefined;
  if (typeof path !== 'string' || segments === undefined) throw mappingError(`${field}.path`, 'must be a dotted path such as "lines.0.sku" (1–256 characters, no empty segment)', path);
  const as = compileAs(def, rule['as'], `${field}.as`, target);
  const prefix = rule['prefix'];
  if (prefix !== undefined && (typeof prefix !== 'string' || def.kind !== 'text')) {
    throw mappingError(`${field}.prefix`, def.kind === 'text' ? 'must be a string' : 'is only allowed on text targets (id, storeId, externalRef, sku)', prefix);
  }
  const each = rule['each'];
  if (def.kind !== 'items') {
    if (each !== undefined) throw mappingError(`${field}.each`, 'is only allowed on "items"', each);
    return { def, path, segments, as, prefix: prefix ?? '' };
  }
  if (!isRecord(each)) throw mappingError(`${field}.each`, 'must be a JSON object of item field → rule (sku and quantity required)', each);
  const itemRules = compileRules(each, ITEM_TARGET_DEFS, `${field}.each`);
  for (const required of ['sku', 'quantity']) {
    if (!itemRules.has(required)) throw mappingError(`${field}.each["${required}"]`, 'is required (every item needs a sku and a quantity)', undefined);
  }
  return { def, path, segments, as, prefix: '', each: itemRules };
}

function compileAs(def: TargetDef, as: unknown, field: string, target: string): ValueConversion {
  const allowed = ALLOWED_AS[def.kind];
  if (as === undefined) return allowed[0] ?? 'string';
  if (typeof as !== 'string' || !(VALUE_CONVERSIONS as readonly string[]).includes(as)) {
    throw mappingError(field, `must be one of ${VALUE_CONVERSIONS.map((c) => `"${c}"`).join(', ')}`, as);
  }
  if (!allowed.includes(as as ValueConversion)) {
    const expected = allowed.length === 0 ? 'absent' : allowed.length === 1 ? `"${allowed[0]}"` : `one of ${allowed.map((c) => `"${c}"`).join(', ')}`;
    throw mappingError(field, `must be ${expected} for ${target}`, as);
  }
  return as as ValueConversion;
}

/** `defaults`: optional order target → final value (target units, no prefix) or null. */
function compileDefaults(raw: unknown): Map<string, string | number | null> {
  const defaults = new Map<string, string | number | null>();
  if (raw === undefined) return defaults;
  if (!isRecord(raw)) throw mappingError('defaults', 'must be a JSON object of target field → value', raw);
  for (const [target, value] of Object.entries(raw)) {
    const field = `defaults["${target}"]`;
    const def = ORDER_TARGET_DEFS.get(target);
    if (def === undefined) throw mappingError(field, `is not a target field (expected one of ${[...ORDER_TARGET_DEFS.keys()].join(', ')})`, value);
    if (def.isRequired) throw mappingError(field, 'cannot have a default: every order must carry its own items and dropOff', value);
    if (value !== null && !isFinalValue(def, value)) throw mappingError(field, `must be null or ${FINAL_VALUE_RULE[def.kind]}`, value);
    defaults.set(target, value as string | number | null);
  }
  return defaults;
}

const FINAL_VALUE_RULE: Readonly<Record<TargetKind, string>> = {
  text: 'a non-empty string',
  count: 'an integer ≥ 1',
  instant: 'integer epoch seconds between 2000-01-01 and 2100-01-01',
  lat: 'a latitude',
  lng: 'a longitude',
  items: 'an array',
};

function isFinalValue(def: TargetDef, value: unknown): boolean {
  if (def.kind === 'text') return typeof value === 'string' && value.length > 0;
  if (def.kind === 'count') return typeof value === 'number' && Number.isSafeInteger(value) && value >= def.min;
  if (def.kind === 'instant') return typeof value === 'number' && Number.isInteger(value) && value >= MIN_INSTANT_SEC && value < MAX_INSTANT_SEC;
  return false;
}

/**
 * Reads a target's source value `raw` with conversion `as` (already checked to suit the kind):
 * the converted value, or the rule it breaks.
 */
export function convertForTarget(def: TargetDef, as: ValueConversion, raw: unknown): Converted<string | number> {
  switch (def.kind) {
    case 'text':
      return toText(raw);
    case 'count': {
      const value = toInteger(raw);
      return value !== undefined && value >= def.min ? { ok: true, value } : { ok: false, rule: `must be an integer ≥ ${def.min}` };
    }
    case 'lat':
    case 'lng': {
      const value = toNumber(raw);
      const limit = def.kind === 'lat' ? 90 : 180;
      if (value !== undefined && Math.abs(value) <= limit) return { ok: true, value };
      return { ok: false, rule: `must be a ${def.kind === 'lat' ? 'latitude' : 'longitude'} in degrees, a number in [-${limit}, ${limit}]` };
    }
    case 'instant':
      return toInstantSec(raw, as === 'iso8601' || as === 'epoch-ms' ? as : 'epoch-s');
    case 'items':
      return { ok: false, rule: 'must be a non-empty array' };
  }
}

const MAX_PATH_CHARS = 256;

/** Splits a dotted path; `undefined` when it is empty, too long or has an empty segment. */
export function parsePath(path: string): string[] | undefined {
  if (path.length === 0 || path.length > MAX_PATH_CHARS) return undefined;
  const segments = path.split('.');
  return segments.every((segment) => segment.length > 0) ? segments : undefined;
}

const INDEX = /^(?:0|[1-9]\d*)$/;

/**
 * The value at `segments` under `root`, or `undefined` when any step is missing. Arrays are
 * indexed by numeric segments; objects are read by own property only (no `constructor`,
 * `__proto__` or other inherited names).
 */
export function readPath(root: unknown, segments: readonly string[]): unknown {
  let current = root;
  for (const segment of segments) {
    if (Array.isArray(current)) {
      current = INDEX.test(segment) ? current[Number(segment)] : undefined;
    } else if (isRecord(current)) {
      current = Object.hasOwn(current, segment) ? current[segment] : undefined;
    } else {
      return undefined;
    }
    if (current === undefined) return undefined;
  }
  return current;
}

/** A JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function assertKnownKeys(record: Record<string, unknown>, known: readonly string[], at: string): void {
  for (const key of Object.keys(record)) {
    if (!known.includes(key)) throw mappingError(at === '' ? key : `${at}.${key}`, `is not a known key (expected ${known.join(', ')})`, record[key]);
  }
}

function mappingError(field: string, rule: string, value: unknown): IngestConfigError {
  return new IngestConfigError('INVALID_MAPPING', field, rule, value);
}
