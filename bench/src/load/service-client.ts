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

/** How long setup retries a 503 (a region changing owner while several instances share a city out). */
const SETUP_RETRY_MS = 15_000;

/** POSTs and returns true for 2xx, false for 409 (already there); retries a 503 for a while; throws on anything else. */
async function create(baseUrl: string, token: string, path: string, body: unknown): Promise<boolean> {
  const deadline = performance.now() + SETUP_RETRY_MS;
  let { status, text } = await postJson(baseUrl, token, path, body);
  while (status === 503 && performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    ({ status, text } = await postJson(baseUrl, token, path, body));
  }
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
    // `home` places the rider in a region when the service runs as several instances of a city.
    if (await create(baseUrl, token, '/v1/riders', { id: riderId, mode: 'bike', home: city.riderStarts[i] })) ridersCreated++;
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

/**
 * Waits until every region of a city run on several instances has an owner and the regions are
 * spread over `instances` instances (as many as there are regions, at most); returns the view.
 */
export async function waitForRegionsShared(baseUrl: string, token: string, instances: number, timeoutMs = 30_000): Promise<{ regions: number; owners: number }> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const response = await fetch(`${baseUrl}/v1/regions`, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`GET /v1/regions answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
    const view = (await response.json()) as { regions: { region: string; owner: string | null }[] };
    const owners = new Set(view.regions.map((r) => r.owner));
    const owned = view.regions.every((r) => r.owner !== null);
    if (owned && owners.size === Math.min(instances, view.regions.length)) return { regions: view.regions.length, owners: owners.size };
    if (performance.now() > deadline) throw new Error(`regions not shared over ${instances} instances within ${timeoutMs} ms: ${JSON.stringify(view.regions)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
