import type { Context, Hono } from 'hono';
import { BIRD_ERROR_CODES } from '../../bird/errors.js';
import { birdError } from '../bird/errors.js';
import { SIM_ERROR_CODES } from '../errors.js';
import { envelope } from '../http.js';

/** A registered route, as the 404 answer lists it. */
export interface RouteEntry {
  method: string;
  path: string;
}

const patternOf = (path: string): RegExp =>
  new RegExp(
    `^${path
      .split('/')
      .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/')}/?$`,
  );

/** The routes of an app with handlers (middleware excluded), in registration order. */
export function routeTable(app: Hono): RouteEntry[] {
  const seen = new Set<string>();
  const out: RouteEntry[] = [];
  for (const route of app.routes) {
    if (route.method === 'ALL' || route.path.includes('*')) continue;
    const key = `${route.method} ${route.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ method: route.method, path: route.path });
  }
  return out;
}

/** True for a path of Bird's Channels API face. */
export const isBirdPath = (path: string): boolean =>
  /^\/(?:workspaces|organizations)(?:\/|$)/.test(path);

/**
 * Unknown routes: 405 with `Allow` when the path exists under another method, else 404 with code 20
 * and the list of supported routes (`routes`, beside `errors`). On Bird's paths both are answered
 * in Bird's error body (`MethodNotAllowed`, `NotFound`), the routes in `details`.
 */
export function notFoundHandler(routes: () => RouteEntry[]) {
  return (c: Context): Response => {
    const table = routes();
    const allowed = table.filter((r) => patternOf(r.path).test(c.req.path)).map((r) => r.method);
    if (isBirdPath(c.req.path)) {
      if (allowed.length > 0) {
        c.header('Allow', [...new Set(allowed)].join(', '));
        return birdError(
          c,
          405,
          'MethodNotAllowed',
          `Method ${c.req.method} not allowed on ${c.req.path}: use ${allowed.join(' or ')}`,
        );
      }
      return birdError(
        c,
        404,
        BIRD_ERROR_CODES.notFound,
        `No route ${c.req.method} ${c.req.path}: see details.routes for what the simulator serves`,
        { routes: table.filter((r) => isBirdPath(r.path)).map((r) => `${r.method} ${r.path}`) },
      );
    }
    if (allowed.length > 0) {
      c.header('Allow', [...new Set(allowed)].join(', '));
      return envelope(
        c,
        405,
        SIM_ERROR_CODES.badRequest,
        `Method ${c.req.method} not allowed on ${c.req.path}: use ${allowed.join(' or ')}`,
      );
    }
    return c.json(
      {
        errors: [
          {
            code: SIM_ERROR_CODES.notFound,
            description: `No route ${c.req.method} ${c.req.path}: see routes for what the simulator serves`,
            parameter: null,
          },
        ],
        routes: table.map((r) => `${r.method} ${r.path}`),
      },
      404,
    );
  };
}
