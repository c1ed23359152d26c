import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ItineraryLog } from '@o2o/dispatch-core';

/** Writes an itinerary log as JSON (one line per courier), creating the folder if needed. */
export function writeLogFile(file: string, log: ItineraryLog): void {
  mkdirSync(dirname(file), { recursive: true });
  const couriers = log.couriers.map((c) => JSON.stringify(c)).join(',\n');
  writeFileSync(file, `{"couriers":[\n${couriers}\n],\n"unassigned":${JSON.stringify(log.unassigned)}}\n`);
}
