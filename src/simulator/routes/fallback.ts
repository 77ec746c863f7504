import type { Context, Hono } from 'hono';
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

/**
 * Unknown routes: 405 with `Allow` when the path exists under another method, else 404 with code 20
 * and the list of supported routes (`routes`, beside `errors`).
 */
export function notFoundHandler(routes: () => RouteEntry[]) {
  return (c: Context): Response => {
    const table = routes();
    const allowed = table.filter((r) => patternOf(r.path).test(c.req.path)).map((r) => r.method);
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
