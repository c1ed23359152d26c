/**
 * Tiny MDRP and Rappi folders written by the tests into a temp dir (the shared data is never
 * copied into the repo). Layout mirrors the data folder: `<root>/mdrp/instances/tiny/`,
 * `<root>/mdrp/instance_summary.csv`, `<root>/rappi-colombia-mdrp/instances/7/`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const tsv = (rows: readonly (readonly (string | number)[])[]) => `${rows.map((r) => r.join('\t')).join('\n')}\n`;

/**
 * tiny (minutes): r1 (0, 0), r2 (3200, 0); 320 m/min, 4 + 4 min service.
 * o1 placed 10 at r1, ready 20, customer (0, 640): 2 min from r1.
 * o2 placed 5 at r2, ready 15, customer (3200, 320): 1 min from r2.
 * o3 placed 10 at r1, ready 30, customer (100, 0): 1 min from r1.
 * c1 at r1 on 0 … 120; c2 at r2 on 0 … 60.
 */
export const TINY_MDRP_FILES: Readonly<Record<string, string>> = {
  'restaurants.txt': tsv([['restaurant', 'x', 'y'], ['r1', 0, 0], ['r2', 3200, 0]]),
  'orders.txt': tsv([
    ['order', 'x', 'y', 'placement_time', 'restaurant', 'ready_time'],
    ['o1', 0, 640, 10, 'r1', 20],
    ['o2', 3200, 320, 5, 'r2', 15],
    ['o3', 100, 0, 10, 'r1', 30],
  ]),
  'couriers.txt': tsv([['courier', 'x', 'y', 'on_time', 'off_time'], ['c1', 0, 0, 0, 120], ['c2', 3200, 0, 0, 60]]),
  'instance_parameters.txt': tsv([
    ['meters_per_minute', 'pickup service minutes', 'dropoff service minutes', 'target click-to-door', 'maximum click-to-door', 'pay per order', 'guaranteed pay per hour'],
    [320, 4, 4, 40, 90, 10, 15],
  ]),
  'instance_characteristics.txt': 'number of orders: 3\nnumber of restaurants: 2\nnumber of couriers: 2\ntotal courier hours: 3.00\n',
};

export const TINY_SUMMARY_CSV = 'instance,orders,click_to_door_floor_mean_min\ntiny,3,12.5\nother,10,30\n';

/** Rappi city-day 7: orders out of placement order, one past midnight; four couriers (see the tests). */
export const TINY_RAPPI_FILES: Readonly<Record<string, string>> = {
  'orders.csv': [
    'order_id,pick_up_lat,pick_up_lng,drop_off_lat,drop_off_lng,placement_time,preparation_time,ready_time,expected_drop_off_time',
    '1,4.6000,-74.0800,4.6100,-74.0800,10:00:00,10:01:00,10:20:00,10:30:00',
    '2,4.6,-74.08,4.6000,-74.0700,09:30:00,09:31:00,09:50:00,10:00:00',
    '3,4.6200,-74.0600,4.6300,-74.0600,23:50:00,23:51:00,00:10:00,00:20:00',
    '',
  ].join('\r\n'),
  'couriers.csv': [
    'courier_id,vehicle,on_lat,on_lng,on_time,off_time',
    '1,motorcycle,4.6000,-74.0800,08:00:00,12:00:00',
    '2,walking,4.6100,-74.0700,22:00:00,02:00:00',
    '3,bicycle,4.6,-74.07,05:00:00,05:00:00',
    '4,car,4.6,-74.07,00:00:00,06:00:00',
    '',
  ].join('\n'),
};

/** A temp data root holding the tiny folders; `files` overrides let a test break one file. */
export function writeTinyData(overrides: { mdrp?: Record<string, string>; rappi?: Record<string, string> } = {}): { root: string; mdrpDir: string; rappiDir: string; cleanup(): void } {
  const root = mkdtempSync(join(tmpdir(), 'o2o-mdrp-test-'));
  const mdrpDir = join(root, 'mdrp', 'instances', 'tiny');
  const rappiDir = join(root, 'rappi-colombia-mdrp', 'instances', '7');
  mkdirSync(mdrpDir, { recursive: true });
  mkdirSync(rappiDir, { recursive: true });
  for (const [name, text] of Object.entries({ ...TINY_MDRP_FILES, ...overrides.mdrp })) writeFileSync(join(mdrpDir, name), text);
  for (const [name, text] of Object.entries({ ...TINY_RAPPI_FILES, ...overrides.rappi })) writeFileSync(join(rappiDir, name), text);
  writeFileSync(join(root, 'mdrp', 'instance_summary.csv'), TINY_SUMMARY_CSV);
  return { root, mdrpDir, rappiDir, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** Replaces `from` by `to` in one tiny MDRP file. */
export function mdrpWith(file: string, from: string, to: string): Record<string, string> {
  const text = TINY_MDRP_FILES[file];
  if (text === undefined || !text.includes(from)) throw new Error(`${file} has no ${JSON.stringify(from)}`);
  return { [file]: text.replace(from, to) };
}
