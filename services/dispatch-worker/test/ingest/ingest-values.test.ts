import assert from 'node:assert/strict';
import { parseIsoInstantSec } from '@o2o/dispatch-worker';
import { MAY_1_1230_SEC } from './fixtures/ingest-fixtures.js';

describe('parseIsoInstantSec', () => {
  it('reads every zone form and any number of fraction digits (dropped)', () => {
    for (const text of [
      '2024-05-01T12:30:00Z',
      '2024-05-01t12:30:00z',
      '2024-05-01 12:30:00Z',
      '2024-05-01T12:30Z',
      '2024-05-01T12:30:00.999999Z',
      '2024-05-01T12:30:00,5Z',
      '2024-05-01T14:30:00+02:00',
      '2024-05-01T18:00:00+0530',
      '2024-05-01T11:30:00-01',
      ' 2024-05-01T12:30:00Z ',
    ]) {
      assert.equal(parseIsoInstantSec(text), MAY_1_1230_SEC, text);
    }
  });

  it('refuses local times, impossible dates and times, and other formats', () => {
    for (const text of [
      '2024-05-01T12:30:00',
      '2024-05-01',
      '2023-02-29T00:00:00Z',
      '2024-04-31T00:00:00Z',
      '2024-05-01T24:00:00Z',
      '2024-05-01T12:60:00Z',
      '2024-05-01T12:30:00+25:00',
      'Wed, 01 May 2024 12:30:00 GMT',
      '1714566600',
      'YYYY-MM-DDTHH:mm:ss.SSSSSSZ',
    ]) {
      assert.equal(parseIsoInstantSec(text), undefined, text);
    }
    assert.equal(parseIsoInstantSec('2024-02-29T00:00:00Z'), 1_709_164_800, 'leap day');
  });
});
