/**
 * What the lean routes ask of the service, as finished answers (status, JSON text, headers):
 * error or not, an answer can be sent as is, or cross a process boundary as data. The HTTP side
 * (in the service's process or in an HTTP front, see `cluster/`) authenticates and reads the
 * body's text; the backend parses, validates and runs the request in the process that owns the
 * state and the store. {@link localLeanBackend} is the one that does the work.
 */
import { checkLocationBatchBody, checkLocationBody, ID_PATTERN } from '../api/body-checks.js';
import { badInput } from '../api/api-error.js';
import type { Principal } from '../auth/principal.js';
import type { Logger } from 'pino';
import type { DispatchService } from '../service/dispatch-service.js';
import { loggedErrorAnswer, parseJsonText } from './http-kit.js';

/** A finished answer: `bodyText` is JSON (absent for 204). */
export interface LeanAnswer {
  readonly status: number;
  readonly bodyText?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface LeanBackend {
  /** `POST /v1/orders`. */
  createOrder(principal: Principal, bodyText: string | undefined, idempotencyKey: string | undefined, requestId: string): Promise<LeanAnswer>;
  /** `POST /v1/riders/locations`. */
  moveRiders(principal: Principal, bodyText: string | undefined, requestId: string): Promise<LeanAnswer>;
  /** `PUT /v1/riders/:riderId/location` (`rawRiderId` as in the URL, still encoded). */
  moveRider(principal: Principal, rawRiderId: string, bodyText: string | undefined, requestId: string): Promise<LeanAnswer>;
}

const REPLAYED_HEADERS: Readonly<Record<string, string>> = Object.freeze({ 'idempotent-replayed': 'true' });

/** The backend that runs the requests on `service`; errors become their answers (an internal one is logged with its stack). */
export function localLeanBackend(service: DispatchService, logger: Logger): LeanBackend {
  const failed = (error: unknown, requestId: string): LeanAnswer => {
    const answer = loggedErrorAnswer(logger, error, requestId);
    return { status: answer.status, bodyText: JSON.stringify(answer.body), headers: answer.headers };
  };
  return {
    async createOrder(principal, bodyText, idempotencyKey, requestId) {
      try {
        const answer = await service.createOrder(principal, parseJsonText(bodyText), idempotencyKey, 'api');
        return { status: answer.status, bodyText: answer.bodyText ?? JSON.stringify(answer.body), ...(answer.replayed ? { headers: REPLAYED_HEADERS } : {}) };
      } catch (error) {
        return failed(error, requestId);
      }
    },
    async moveRiders(principal, bodyText, requestId) {
      try {
        const body = checkLocationBatchBody(parseJsonText(bodyText));
        return { status: 200, bodyText: JSON.stringify(service.moveRiders(principal, body.locations)) };
      } catch (error) {
        return failed(error, requestId);
      }
    },
    async moveRider(principal, rawRiderId, bodyText, requestId) {
      try {
        let riderId: string;
        try {
          riderId = decodeURIComponent(rawRiderId);
        } catch {
          throw badInput('riderId', 'must be a valid URL-encoded id', rawRiderId);
        }
        if (!ID_PATTERN.test(riderId)) throw badInput('riderId', 'must be 1 to 128 characters of A-Z, a-z, 0-9, ".", "_", ":" or "-"', riderId);
        const loc = checkLocationBody(parseJsonText(bodyText));
        service.moveRider(principal, riderId, loc.lat, loc.lng, loc.at);
        return { status: 204 };
      } catch (error) {
        return failed(error, requestId);
      }
    },
  };
}
