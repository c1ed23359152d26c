import assert from 'node:assert/strict';
import {
  DELIVERECT_ADAPTER,
  IngestConfigError,
  WEBHOOK_ADAPTERS,
  findWebhookAdapter,
  type IngestLineError,
  type OrderIngestResult,
} from '@o2o/dispatch-worker';
import { DELIVERECT_ORDER_BODY, deliverectOrder } from './fixtures/ingest-fixtures.js';

const adapter = DELIVERECT_ADAPTER;

function only(results: readonly OrderIngestResult[]): OrderIngestResult {
  assert.equal(results.length, 1);
  return results[0] as OrderIngestResult;
}

function errorOf(result: OrderIngestResult): IngestLineError {
  assert.equal(result.ok, false, 'expected an error');
  return (result as Extract<OrderIngestResult, { ok: false }>).error;
}

function bodyOf(result: OrderIngestResult): unknown {
  assert.equal(result.ok, true, result.ok ? '' : result.error.message);
  return (result as Extract<OrderIngestResult, { ok: true }>).body;
}

describe('WEBHOOK_ADAPTERS', () => {
  it('holds the deliverect adapter under its platform, and nothing inherited', () => {
    assert.deepEqual(Object.keys(WEBHOOK_ADAPTERS), ['deliverect']);
    assert.equal(WEBHOOK_ADAPTERS['deliverect'], adapter);
    assert.equal(findWebhookAdapter('deliverect'), adapter);
    assert.equal(findWebhookAdapter('constructor'), undefined);
    assert.equal(findWebhookAdapter('uber-eats'), undefined);
  });

  it('describes every payload field it reads', () => {
    for (const field of ['channelOrderId', 'channel', 'location', 'storeIdMap', 'plu', 'quantity', 'subItems', 'deliveryAddress.coordinates.coordinates', '_created', 'deliveryTime', '_id', 'orderType', 'status', 'geocod']) {
      assert.ok(adapter.describe.includes(field), `describe mentions ${field}`);
    }
  });
});

describe('deliverect adapter', () => {
  it('maps one order push to a CreateOrderBody, ignoring sub-items', () => {
    assert.deepEqual(bodyOf(only(adapter.toOrders(deliverectOrder()))), DELIVERECT_ORDER_BODY);
  });

  it('maps a batch in order, one result per order, line = position', () => {
    const second = deliverectOrder();
    second['channelOrderId'] = 'UE-8000';
    second['items'] = [{ plu: 'SALAD', quantity: '3' }];
    const bad = deliverectOrder();
    delete bad['deliveryAddress'];
    const results = adapter.toOrders([deliverectOrder(), bad, second]);
    assert.equal(results.length, 3);
    assert.equal((bodyOf(results[0] as OrderIngestResult) as { id: string }).id, 'deliverect:7:UE-7F3A-99120');
    assert.equal(errorOf(results[1] as OrderIngestResult).line, 2);
    assert.deepEqual((bodyOf(results[2] as OrderIngestResult) as { items: unknown }).items, [{ sku: 'SALAD', quantity: 3 }]);
    assert.deepEqual(adapter.toOrders([]), []);
  });

  it('rejects an order without coordinates, saying that addresses are not geocoded', () => {
    const order = deliverectOrder();
    delete order['deliveryAddress'].coordinates;
    const error = errorOf(only(adapter.toOrders(order)));
    assert.equal(error.code, 'MISSING_FIELD');
    assert.equal(error.field, 'dropOff');
    assert.equal(error.source, 'deliveryAddress.coordinates.coordinates');
    assert.equal(error.orderId, 'deliverect:7:UE-7F3A-99120');
    assert.equal(
      error.message,
      'deliverect order 1: dropOff (from deliveryAddress.coordinates.coordinates) is required: orders are dispatched on coordinates ' +
        'and this service does not geocode addresses, but deliveryAddress.coordinates.coordinates is missing',
    );
    const noAddress = deliverectOrder();
    noAddress['deliveryAddress'] = null;
    assert.equal(errorOf(only(adapter.toOrders(noAddress))).code, 'MISSING_FIELD');
  });

  it('rejects placeholder, malformed and out-of-range coordinates', () => {
    const cases: Array<[unknown, string, RegExp]> = [
      [[0, 0], 'dropOff', /placeholder/],
      [[4.9], 'dropOff', /\[longitude, latitude\] pair/],
      [{ lat: 52.3, lng: 4.9 }, 'dropOff', /pair/],
      [[4.9, 152.3], 'dropOff.lat', /latitude/],
      [['east', 52.3], 'dropOff.lng', /longitude/],
    ];
    for (const [pair, field, rule] of cases) {
      const order = deliverectOrder();
      order['deliveryAddress'].coordinates.coordinates = pair;
      const error = errorOf(only(adapter.toOrders(order)));
      assert.equal(error.code, 'INVALID_FIELD');
      assert.equal(error.field, field);
      assert.match(error.rule ?? '', rule);
    }
  });

  it('rejects a time that is not ISO 8601 with a zone, naming the source field', () => {
    const order = deliverectOrder();
    order['deliveryTime'] = 'YYYY-MM-DDTHH:mm:ss.SSSSSSZ';
    const error = errorOf(only(adapter.toOrders(order)));
    assert.equal(error.code, 'INVALID_FIELD');
    assert.equal(error.field, 'promisedBy');
    assert.equal(error.source, 'deliveryTime');
    assert.equal(error.value, 'YYYY-MM-DDTHH:mm:ss.SSSSSSZ');
    assert.match(error.message, /^deliverect order 1: promisedBy \(from deliveryTime\) must be an ISO 8601 date-time with a time zone/);
    const local = deliverectOrder();
    local['_created'] = '2024-05-01T12:30:00';
    assert.equal(errorOf(only(adapter.toOrders(local))).field, 'placedAt');
  });

  it('leaves out times the push does not carry', () => {
    const order = deliverectOrder();
    delete order['deliveryTime'];
    order['_created'] = null;
    const body = bodyOf(only(adapter.toOrders(order))) as Record<string, unknown>;
    assert.equal('promisedBy' in body, false);
    assert.equal('placedAt' in body, false);
  });

  it('maps the location through storeIdMap, and passes unmapped ids through', () => {
    const storeIdMap = { '65bb00000000000000000007': 'ams-damrak' };
    assert.equal((bodyOf(only(adapter.toOrders(deliverectOrder(), { storeIdMap }))) as { storeId: string }).storeId, 'ams-damrak');
    const other = deliverectOrder();
    other['location'] = '65bb00000000000000000008';
    assert.equal((bodyOf(only(adapter.toOrders(other, { storeIdMap }))) as { storeId: string }).storeId, '65bb00000000000000000008');
    const missing = deliverectOrder();
    delete missing['location'];
    assert.equal(errorOf(only(adapter.toOrders(missing, { storeIdMap }))).field, 'storeId');
  });

  it('reads [lat, lng] pairs when configured', () => {
    const order = deliverectOrder();
    order['deliveryAddress'].coordinates.coordinates = ['52.3702', '4.8952'];
    assert.deepEqual((bodyOf(only(adapter.toOrders(order, { coordinateOrder: 'lat-lng' }))) as { dropOff: unknown }).dropOff, { lat: 52.3702, lng: 4.8952 });
  });

  it('escapes channel order ids into the order id alphabet, the same way every time', () => {
    const order = deliverectOrder();
    order['channelOrderId'] = '#12 3_ü';
    delete order['channel'];
    const id = (bodyOf(only(adapter.toOrders(order))) as { id: string }).id;
    assert.equal(id, 'deliverect:_2312_203_5F_C3_BC');
    assert.match(id, /^[A-Za-z0-9._:-]{1,128}$/);
    order['channelOrderId'] = 'x'.repeat(120);
    assert.match(errorOf(only(adapter.toOrders(order))).rule ?? '', /128-character order id/);
  });

  it('reports a cancellation as CANCEL_REQUEST with the order to cancel', () => {
    const order = deliverectOrder();
    order['status'] = 100;
    const error = errorOf(only(adapter.toOrders(order)));
    assert.equal(error.code, 'CANCEL_REQUEST');
    assert.equal(error.orderId, 'deliverect:7:UE-7F3A-99120');
    assert.match(error.message, /cancel order deliverect:7:UE-7F3A-99120 instead, got 100$/);
  });

  it('reports pickup and eat-in orders as UNSUPPORTED_ORDER', () => {
    for (const orderType of [1, 3, 4]) {
      const order = deliverectOrder();
      order['orderType'] = orderType;
      const error = errorOf(only(adapter.toOrders(order)));
      assert.equal(error.code, 'UNSUPPORTED_ORDER');
      assert.equal(error.field, 'orderType');
      assert.equal(error.value, orderType);
    }
  });

  it('names the item and its source for bad items', () => {
    const cases: Array<[(o: Record<string, any>) => void, string, string, string]> = [
      [(o) => delete o['items'], 'items', 'items', 'MISSING_FIELD'],
      [(o) => (o['items'] = []), 'items', 'items', 'INVALID_FIELD'],
      [(o) => delete o['items'][1].plu, 'items[1].sku', 'items.1.plu', 'MISSING_FIELD'],
      [(o) => (o['items'][1].quantity = 0), 'items[1].quantity', 'items.1.quantity', 'INVALID_FIELD'],
      [(o) => (o['items'][0].quantity = 1.5), 'items[0].quantity', 'items.0.quantity', 'INVALID_FIELD'],
      [(o) => delete o['channelOrderId'], 'id', 'channelOrderId', 'MISSING_FIELD'],
      [(o) => (o['channel'] = 'ubereats'), 'id', 'channel', 'INVALID_FIELD'],
    ];
    for (const [mutate, field, source, code] of cases) {
      const order = deliverectOrder();
      mutate(order);
      const error = errorOf(only(adapter.toOrders(order)));
      assert.deepEqual([error.field, error.source, error.code], [field, source, code], error.message);
    }
  });

  it('rejects a payload that is not an order or an array of orders', () => {
    assert.equal(errorOf(only(adapter.toOrders('{"channelOrderId": "x"}'))).code, 'INVALID_RECORD');
    assert.equal(errorOf(adapter.toOrders([deliverectOrder(), 42])[1] as OrderIngestResult).message, 'deliverect order 2 must be a JSON object (a Deliverect order), got 42');
  });

  it('rejects bad options with INVALID_OPTION naming the option', () => {
    const check = (options: unknown, field: string) =>
      assert.throws(
        () => adapter.toOrders(deliverectOrder(), options as never),
        (e: unknown) => e instanceof IngestConfigError && e.code === 'INVALID_OPTION' && e.field === field,
      );
    check({ storeIdMap: { a: '' } }, 'storeIdMap["a"]');
    check({ storeIdMap: ['a'] }, 'storeIdMap');
    check({ coordinateOrder: 'xy' }, 'coordinateOrder');
    check({ storeMap: {} }, 'storeMap');
  });
});
