/**
 * The live operations view over HTTP: the page at `GET /` and its files at `GET /ops/<name>`
 * (static, no token: the page asks for an admin token and sends it with every data call), and its
 * data at `GET /v1/ops/snapshot` (admin only). Updates reach the page through `GET /v1/events`.
 * The page loads nothing from other hosts; its Content-Security-Policy enforces that.
 */
import type express from 'express';
import type { Request, Response } from 'express';
import { ApiError, badInput, notFound } from '../api/api-error.js';
import { authorize } from '../auth/access-policy.js';
import type { TokenVerifier } from '../auth/token-verifier.js';
import { OpsSnapshotBuilder } from '../ops/ops-snapshot.js';
import type { DispatchService } from '../service/dispatch-service.js';
import { authenticatedRoute, sendError, type HttpDeps } from './http-kit.js';
import { OPS_ASSET_NAME, OpsAssets, type OpsAsset } from './ops-assets.js';

/** Only this origin: scripts, styles and data calls; no frames, no forms posting away, no plugins. */
export const OPS_PAGE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export interface OpsRouteDeps extends HttpDeps {
  readonly service: DispatchService;
  readonly verifier: TokenVerifier;
  /** Default: the built files of this package. */
  readonly opsAssets?: OpsAssets;
}

/** Mounts the page, its files and the snapshot route on `app`. */
export function mountOpsRoutes(app: express.Express, deps: OpsRouteDeps): void {
  const assets = deps.opsAssets ?? OpsAssets.load();
  const snapshots = new OpsSnapshotBuilder(deps.service);
  const requestId = (res: Response): string => String(res.getHeader('x-request-id') ?? '');

  app.get('/', (_req: Request, res: Response) => {
    if (assets.page === undefined) {
      sendError(deps, res, new ApiError(503, 'OPS_VIEW_NOT_BUILT', 'the ops view is not built: run `npm run build` (it compiles web/ into dist-web/)'), requestId(res));
      return;
    }
    sendAsset(res, assets.page, { 'content-security-policy': OPS_PAGE_CSP, 'referrer-policy': 'no-referrer', 'x-frame-options': 'DENY' });
  });
  app.get('/ops/:asset', (req: Request, res: Response) => {
    const name = String(req.params.asset);
    const asset = OPS_ASSET_NAME.test(name) ? assets.get(name) : undefined;
    if (asset === undefined) sendError(deps, res, notFound('asset', name), requestId(res));
    else sendAsset(res, asset, {});
  });
  app.get(
    '/v1/ops/snapshot',
    authenticatedRoute(deps, (req, _res, principal) => {
      authorize(principal, 'ops.snapshot', {});
      const query = req.query as Record<string, unknown>;
      for (const key of Object.keys(query)) throw badInput(key, 'is not a known query parameter (the snapshot takes none)', query[key]);
      return snapshots.build();
    }),
  );
}

function sendAsset(res: Response, asset: OpsAsset, headers: Readonly<Record<string, string>>): void {
  res.writeHead(200, { 'content-type': asset.contentType, 'content-length': asset.body.length, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff', ...headers });
  res.end(asset.body);
}
