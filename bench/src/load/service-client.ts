/**
 * The few calls the load bench makes to the service outside the measured streams: seeding the
 * city (stores, riders, shifts) and reading `GET /metrics`. Plain `fetch`, nothing measured.
 */
import { loadRiderId, loadStoreId, type LoadCity } from './load-city.js';
import { prometheusMetricValue } from './prometheus-text.js';

/** The epoch counter of the service's `/metrics`. */
export const EPOCHS_METRIC = 'o2o_epochs_total';

export interface SetupCounts {
  /** Stores created (201) and already there (409). */
  readonly storesCreated: number;
  readonly storesExisting: number;
  readonly ridersCreated: number;
  readonly ridersExisting: number;
  readonly setupSec: number;
}

/** Runs `task(0…count-1)` with at most `limit` running at once; rejects with the first failure. */
export async function runWithConcurrency(count: number, limit: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, lane));
}

/** POSTs JSON with the bearer token; returns the status. */
async function postJson(baseUrl: string, token: string, path: string, body: unknown): Promise<{ status: number; text: string }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, text: await response.text() };
}

/** POSTs and returns true for 2xx, false for 409 (already there); throws on anything else. */
async function create(baseUrl: string, token: string, path: string, body: unknown): Promise<boolean> {
  const { status, text } = await postJson(baseUrl, token, path, body);
  if (status >= 200 && status < 300) return true;
  if (status === 409) return false;
  throw new Error(`setup: POST ${path} answered ${status}: ${text.slice(0, 500)}`);
}

/**
 * Registers the city's stores (restaurants: no inventory), its riders (bikes) and starts every
 * rider's shift at its start point, with `concurrency` requests in flight.
 */
export async function setupLoadCity(baseUrl: string, token: string, city: LoadCity, concurrency = 50): Promise<SetupCounts> {
  const startMs = performance.now();
  let storesCreated = 0;
  let ridersCreated = 0;
  await runWithConcurrency(city.storeLocations.length, concurrency, async (i) => {
    const body = { id: loadStoreId(i), kind: 'store', location: city.storeLocations[i] };
    if (await create(baseUrl, token, '/v1/stores', body)) storesCreated++;
  });
  await runWithConcurrency(city.riderStarts.length, concurrency, async (i) => {
    const riderId = loadRiderId(i);
    if (await create(baseUrl, token, '/v1/riders', { id: riderId, mode: 'bike' })) ridersCreated++;
    await create(baseUrl, token, `/v1/riders/${riderId}/shift`, { action: 'start', position: city.riderStarts[i] });
  });
  return {
    storesCreated,
    storesExisting: city.storeLocations.length - storesCreated,
    ridersCreated,
    ridersExisting: city.riderStarts.length - ridersCreated,
    setupSec: (performance.now() - startMs) / 1000,
  };
}

/** The `o2o_epochs_total` counter now (0 when the metric is absent), or undefined when `/metrics` cannot be read. */
export async function readEpochsTotal(baseUrl: string): Promise<number | undefined> {
  try {
    const response = await fetch(`${baseUrl}/metrics`);
    if (!response.ok) return undefined;
    return prometheusMetricValue(await response.text(), EPOCHS_METRIC);
  } catch {
    return undefined;
  }
}
