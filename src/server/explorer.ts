/**
 * Serves the analyst explorer (built by `npm run build:explorer` from src/explorer into
 * dist/explorer) at /explore. The page is a plain client of the public GraphQL API on the same
 * origin: no private endpoints, nothing from a CDN, hence a strict Content Security Policy.
 *
 *   GET /explore, /explore/       index.html, revalidated on every load (no-cache)
 *   GET /explore/assets/*         Vite's content-hashed bundles, cached for a year (immutable)
 *   GET /explore/<file>           other built files (favicon), cached for an hour
 *
 * Without a build, /explore answers 503 naming the command that makes one.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Request, type Response } from 'express';
import { PROJECT_ROOT } from '../paths.js';

export const EXPLORER_PATH = '/explore';
/** Where `npm run build:explorer` writes the page (src/explorer/vite.config.ts). */
export const EXPLORER_DIST_DIR = join(PROJECT_ROOT, 'dist', 'explorer');

export interface ExplorerOptions {
  /** The built page; defaults to dist/explorer. */
  dir?: string;
}

export const EXPLORER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "connect-src 'self'",
  // Node icons are SVG data: URLs; cytoscape's PNG export and downloads use blob: URLs.
  "img-src 'self' data: blob:",
  // cytoscape and chart.js size their canvases with inline styles.
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

const SECURITY_HEADERS = {
  'Content-Security-Policy': EXPLORER_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

export function explorerRouter(options: ExplorerOptions = {}): express.Router {
  const dir = options.dir ?? EXPLORER_DIST_DIR;
  const indexFile = join(dir, 'index.html');
  const router = express.Router();

  // Checked per request, so a build made while the server runs is picked up without a restart.
  const notBuilt = (res: Response): void => {
    const message = `The explorer is not built: run "npm run build:explorer" (it writes ${dir}).`;
    res.status(503).set({ 'Cache-Control': 'no-store', 'Retry-After': '60' });
    res.format({
      'text/html': () => res.type('html').send(`<!doctype html><meta charset="utf-8"><title>Explorer not built</title><p>${message.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`),
      default: () => res.json({ error: { code: 'EXPLORER_NOT_BUILT', message } }),
    });
  };

  const page = (_req: Request, res: Response): void => {
    if (!existsSync(indexFile)) return notBuilt(res);
    res.sendFile(indexFile, { headers: { ...SECURITY_HEADERS, 'Cache-Control': 'no-cache', 'Content-Type': 'text/html; charset=utf-8' } }, (error) => {
      if (error && !res.headersSent) notBuilt(res);
    });
  };
  router.get([EXPLORER_PATH, `${EXPLORER_PATH}/`, `${EXPLORER_PATH}/index.html`], page);

  router.use(
    `${EXPLORER_PATH}/assets`,
    express.static(join(dir, 'assets'), {
      index: false,
      redirect: false,
      fallthrough: true,
      immutable: true,
      maxAge: '1y',
      setHeaders: (res) => res.set(SECURITY_HEADERS),
    }),
  );
  router.use(
    EXPLORER_PATH,
    express.static(dir, {
      index: false,
      redirect: false,
      fallthrough: true,
      maxAge: '1h',
      setHeaders: (res) => res.set(SECURITY_HEADERS),
    }),
  );
  return router;
}
