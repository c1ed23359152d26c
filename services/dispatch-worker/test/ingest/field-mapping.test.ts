import assert from 'node:assert/strict';
import {
  IngestConfigError,
  NdjsonLineSplitter,
  compileFieldMapping,
  parseNdjsonLine,
  type IngestLineError,
  type OrderIngestResult,
} from '@o2o/dispatch-worker';
import { ACME_SPEC, MAY_1_1230_SEC, acmeRecord } from './fixtures/ingest-fixtures.js';

const acme = compileFieldMapping(ACME_SPEC);

function errorOf(result: OrderIngestResult): IngestLineError {
  assert.equal(result.ok, false, 'expected an error');
  return (result as Extract<OrderIngestResult, { ok: false }>).error;
}

function bodyOf(result: OrderIngestResult): unknown {
  assert.equal(result.ok, true, result.ok ? '' : result.error.message);
  return (result as Extract<OrderIngestResult, { ok: true }>).body;
}

/** A mapping with the required targets plus `extra` fields. */
function mappingWith(extra: Record<string, unknown>, defaults?: Record<string, unknown>) {
  return compileFieldMapping({
    name: 't',
    fields: {
      items: { path: 'items', each: { sku: { path: 'sku' }, quantity: { path: 'n' } } },
      'dropOff.lat': { path: 'lat' },
      'dropOff.lng': { path: 'lng' },
      ...extra,
    },
    ...(defaults === undefined ? {} : { defaults }),
  });
}

const BASE = { items: [{ sku: 'a', n: 1 }], lat: 52.37, lng: 4.89 };

function assertSpecError(spec: unknown, field: string, rule: RegExp): void {
  assert.throws(
    () => compileFieldMapping(spec),
    (error: unknown) => {
      assert.ok(error instanceof IngestConfigError, String(error));
      assert.equal(error.code, 'INVALID_MAPPING');
      assert.equal(error.field, field);
      assert.match(error.rule, rule);
      assert.ok(error.message.startsWith(`${field} `), error.message);
      return true;
    },
  );
}

describe('compileFieldMapping: apply', () => {
  it('maps the acme record of the issue to a CreateOrderBody', () => {
    assert.equal(acme.name, 'acme');
    assert.deepEqual(bodyOf(acme.apply(acmeRecord(), 1)), {
      id: 'A-1001',
      storeId: 'acme-ams-01',
      items: [
        { sku: 'SKU-1', quantity: 2 },
        { sku: 'SKU-2', quantity: 1 },
      ],
      dropOff: { lat: 52.3702, lng: 4.8952 },
      placedAt: MAY_1_1230_SEC,
      promisedBy: MAY_1_1230_SEC + 2700,
    });
  });

  it('leaves out an optional target whose source is missing or null', () => {
    const record = acmeRecord();
    delete record['deadline'];
    record['shop'] = { code: null };
    const body = bodyOf(acme.apply(record, 1)) as Record<string, unknown>;
    assert.equal('promisedBy' in body, false);
    assert.equal('storeId' in body, false);
  });

  it('reads each conversion: string, number, integer, iso8601, epoch-ms, epoch-s', () => {
    const mapping = mappingWith({
      id: { path: 'ref', as: 'string' },
      placedAt: { path: 'at', as: 'iso8601' },
      promisedBy: { path: 'due' },
      size: { path: 'bags', as: 'integer' },
    });
    const record = { ...BASE, ref: 1001, lat: '52.37', lng: 4.89, at: '2024-05-01T14:30:00.999999+02:00', due: 1_714_569_300.7, bags: '3' };
    assert.deepEqual(bodyOf(mapping.apply(record, 1)), {
      id: '1001',
      items: [{ sku: 'a', quantity: 1 }],
      dropOff: { lat: 52.37, lng: 4.89 },
      placedAt: MAY_1_1230_SEC,
      promisedBy: MAY_1_1230_SEC + 2700,
      size: 3,
    });
    const ms = mappingWith({ placedAt: { path: 'at', as: 'epoch-ms' } });
    assert.equal((bodyOf(ms.apply({ ...BASE, at: '1714566600500' }, 1)) as { placedAt: number }).placedAt, MAY_1_1230_SEC);
  });

  it('applies defaults when the source is missing, as constants, and null as "leave out"', () => {
    const mapping = mappingWith({ storeId: { path: 'store' } }, { storeId: 'main', externalRef: 'import-2024-05', promisedBy: null });
    assert.deepEqual(bodyOf(mapping.apply({ ...BASE }, 1)), { storeId: 'main', items: [{ sku: 'a', quantity: 1 }], dropOff: { lat: 52.37, lng: 4.89 }, externalRef: 'import-2024-05' });
    assert.equal((bodyOf(mapping.apply({ ...BASE, store: 's9' }, 1)) as { storeId: string }).storeId, 's9');
  });

  it('names the target field, the source path, the rule and the value for a wrong type', () => {
    const record = acmeRecord();
    record['lines'][1].qty = 'two';
    const error = errorOf(acme.apply(record, 12));
    assert.deepEqual(error, {
      line: 12,
      code: 'INVALID_FIELD',
      field: 'items[1].quantity',
      source: 'lines.1.qty',
      rule: 'must be an integer ≥ 1',
      value: 'two',
      message: 'line 12: items[1].quantity (from lines.1.qty) must be an integer ≥ 1, got "two"',
    });
    record['lines'][1].qty = 0;
    assert.equal(errorOf(acme.apply(record, 12)).message, 'line 12: items[1].quantity (from lines.1.qty) must be an integer ≥ 1, got 0');
  });

  it('reports MISSING_FIELD for a required target whose path is missing, at any depth', () => {
    const noGeo = acmeRecord();
    delete noGeo['customer'].geo;
    const error = errorOf(acme.apply(noGeo, 3));
    assert.equal(error.code, 'MISSING_FIELD');
    assert.equal(error.field, 'dropOff.lat');
    assert.equal(error.source, 'customer.geo.0');
    assert.equal(error.message, 'line 3: dropOff.lat (from customer.geo.0) is required, but customer.geo.0 is missing');
    const noSku = acmeRecord();
    noSku['lines'][0].code = null;
    assert.equal(errorOf(acme.apply(noSku, 4)).message, 'line 4: items[0].sku (from lines.0.code) is required, but lines.0.code is null');
    const noCustomer = acmeRecord();
    noCustomer['customer'] = 'walk-in';
    assert.equal(errorOf(acme.apply(noCustomer, 5)).field, 'dropOff.lat');
  });

  it('rejects records and values of the wrong shape', () => {
    assert.equal(errorOf(acme.apply([1, 2], 1)).code, 'INVALID_RECORD');
    assert.equal(errorOf(acme.apply(null, 1)).message, 'line 1 must be a JSON object, got null');
    const cases: Array<[(r: Record<string, any>) => void, string, RegExp]> = [
      [(r) => (r['lines'] = []), 'items', /non-empty array/],
      [(r) => (r['lines'] = { code: 'x' }), 'items', /non-empty array/],
      [(r) => (r['lines'][0] = 'SKU-1'), 'items[0]', /JSON object/],
      [(r) => (r['customer'].geo = [91, 4.9]), 'dropOff.lat', /latitude in degrees/],
      [(r) => (r['customer'].geo = [52.3, 'east']), 'dropOff.lng', /longitude in degrees/],
      [(r) => (r['created'] = '2024-05-01 12:30:00'), 'placedAt', /ISO 8601 date-time with a time zone/],
      [(r) => (r['created'] = '2024-02-30T12:00:00Z'), 'placedAt', /ISO 8601/],
      [(r) => (r['created'] = 1_714_566_600), 'placedAt', /ISO 8601/],
      [(r) => (r['deadline'] = 1_714_569_300), 'promisedBy', /epoch milliseconds between .* \(seconds given\?\)/],
      [(r) => (r['order'].ref = ''), 'id', /non-empty string/],
      [(r) => (r['order'].ref = { id: 1 }), 'id', /non-empty string/],
    ];
    for (const [mutate, field, rule] of cases) {
      const record = acmeRecord();
      mutate(record);
      const error = errorOf(acme.apply(record, 1));
      assert.equal(error.code, 'INVALID_FIELD', `${field}: ${error.message}`);
      assert.equal(error.field, field);
      assert.match(error.rule ?? '', rule);
    }
    const ms = mappingWith({ promisedBy: { path: 'due', as: 'epoch-s' } });
    assert.match(errorOf(ms.apply({ ...BASE, due: 1_714_569_300_000 }, 1)).rule ?? '', /\(milliseconds given\?\)/);
  });

  it('reads own properties only', () => {
    const mapping = mappingWith({ id: { path: 'constructor.name' } });
    assert.equal('id' in (bodyOf(mapping.apply({ ...BASE }, 1)) as object), false);
  });

  it('reports the first error in target order, whatever the key order of the spec', () => {
    const reversed = compileFieldMapping({ ...ACME_SPEC, fields: Object.fromEntries(Object.entries(ACME_SPEC.fields).reverse()) });
    const record = acmeRecord();
    record['order'].ref = false;
    record['created'] = 'yesterday';
    assert.equal(errorOf(reversed.apply(record, 1)).field, 'id');
  });

  it('keeps a frozen copy of its spec', () => {
    const spec = structuredClone(ACME_SPEC) as { name: string };
    const mapping = compileFieldMapping(spec);
    spec.name = 'changed';
    assert.equal(mapping.spec.name, 'acme');
    assert.ok(Object.isFrozen(mapping.spec.fields['items']?.each));
  });

  it('maps an NDJSON stream end to end: splitter, parse, mapping', () => {
    const lines = [JSON.stringify(acmeRecord()), '', '{"order":', JSON.stringify({ ...acmeRecord(), lines: [] })].join('\n');
    const splitter = new NdjsonLineSplitter({ maxLineBytes: 4096, maxLines: 100 });
    const results = [...splitter.push(Buffer.from(lines)), ...splitter.end()].map((line) => {
      if (!line.ok) return { ok: false as const, error: line.error };
      const parsed = parseNdjsonLine(line.text, line.line);
      return parsed.ok ? acme.apply(parsed.value, line.line) : parsed;
    });
    assert.deepEqual(
      results.map((r) => (r.ok ? 'ok' : `${r.error.line}:${r.error.code}`)),
      ['ok', '3:INVALID_JSON', '4:INVALID_FIELD'],
    );
  });
});

describe('compileFieldMapping: bad specs', () => {
  const fields = ACME_SPEC.fields;

  it('names the spec field, the rule and the value', () => {
    assert.throws(() => compileFieldMapping({ ...ACME_SPEC, fields: { ...fields, items: { ...fields.items, each: { ...fields.items.each, quantity: { path: 'qty', as: 'iso8601' } } } } }), {
      message: 'fields["items"].each["quantity"].as must be "integer" for quantity, got "iso8601"',
    });
  });

  it('rejects each broken rule', () => {
    const cases: Array<[unknown, string, RegExp]> = [
      ['acme', 'spec', /JSON object/],
      [{ ...ACME_SPEC, version: 2 }, 'version', /not a known key/],
      [{ ...ACME_SPEC, name: '' }, 'name', /1–64 characters/],
      [{ name: 'x' }, 'fields', /JSON object/],
      [{ ...ACME_SPEC, fields: { ...fields, customerName: { path: 'customer.name' } } }, 'fields["customerName"]', /not a target field/],
      [{ ...ACME_SPEC, fields: { ...fields, 'dropOff.lng': undefined } }, 'fields["dropOff.lng"]', /must be a JSON object/],
      [{ name: 'x', fields: { items: fields.items, 'dropOff.lat': fields['dropOff.lat'] } }, 'fields["dropOff.lng"]', /is required/],
      [{ ...ACME_SPEC, fields: { ...fields, id: { pathh: 'order.ref' } } }, 'fields["id"].pathh', /not a known key/],
      [{ ...ACME_SPEC, fields: { ...fields, id: { path: 'order..ref' } } }, 'fields["id"].path', /dotted path/],
      [{ ...ACME_SPEC, fields: { ...fields, id: { path: 7 } } }, 'fields["id"].path', /dotted path/],
      [{ ...ACME_SPEC, fields: { ...fields, id: { path: 'a', as: 'uuid' } } }, 'fields["id"].as', /must be one of "string", "number"/],
      [{ ...ACME_SPEC, fields: { ...fields, placedAt: { path: 'a', as: 'number' } } }, 'fields["placedAt"].as', /one of "epoch-s", "iso8601", "epoch-ms" for placedAt/],
      [{ ...ACME_SPEC, fields: { ...fields, size: { path: 'a', prefix: 'x' } } }, 'fields["size"].prefix', /only allowed on text targets/],
      [{ ...ACME_SPEC, fields: { ...fields, id: { path: 'a', each: {} } } }, 'fields["id"].each', /only allowed on "items"/],
      [{ ...ACME_SPEC, fields: { ...fields, items: { path: 'lines' } } }, 'fields["items"].each', /JSON object/],
      [{ ...ACME_SPEC, fields: { ...fields, items: { path: 'lines', each: { sku: { path: 'code' } } } } }, 'fields["items"].each["quantity"]', /is required/],
      [{ ...ACME_SPEC, fields: { ...fields, items: { path: 'lines', each: { ...fields.items.each, price: { path: 'p' } } } } }, 'fields["items"].each["price"]', /not a target field \(expected one of sku, quantity, size\)/],
      [{ ...ACME_SPEC, defaults: { 'dropOff.lat': 52 } }, 'defaults["dropOff.lat"]', /cannot have a default/],
      [{ ...ACME_SPEC, defaults: { storeId: 12 } }, 'defaults["storeId"]', /null or a non-empty string/],
      [{ ...ACME_SPEC, defaults: { promisedBy: 1_714_569_300_000 } }, 'defaults["promisedBy"]', /integer epoch seconds/],
      [{ ...ACME_SPEC, defaults: { courier: 'x' } }, 'defaults["courier"]', /not a target field/],
      [{ ...ACME_SPEC, defaults: [] }, 'defaults', /JSON object/],
    ];
    for (const [spec, field, rule] of cases) assertSpecError(spec, field, rule);
  });
});
