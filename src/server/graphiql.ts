/**
 * Offline GraphQL IDE: GraphiQL 3 served entirely from node_modules (no CDN, no external fonts),
 * so it works behind firewalls where Apollo's Sandbox landing page cannot load.
 *
 * Mount the router *before* Apollo's middleware: `GET /graphql` from a browser (Accept: text/html)
 * gets the IDE page, every other request on `/graphql` falls through to Apollo.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import type { ExampleOperation } from '../examples.js';

export interface GraphiqlOptions {
  /** URL GraphiQL sends operations to, e.g. `/graphql`. */
  endpoint: string;
  /** One tab per example, the first one active. */
  examples: ExampleOperation[];
  /** Page title; defaults to "newsgraph · GraphiQL". */
  title?: string;
}

/** URL prefix of the static IDE assets (relative to where the router is mounted). */
export const ASSET_PREFIX = '/ide/assets';

interface Asset {
  /** Path under ASSET_PREFIX; contains the package version, so it can be cached forever. */
  urlPath: string;
  file: string;
  contentType: string;
}

const require = createRequire(import.meta.url);

/**
 * The UMD bundles are not in the packages' `exports` maps (require.resolve of
 * `react/umd/...` or `graphiql/graphiql.min.js` throws ERR_PACKAGE_PATH_NOT_EXPORTED), so resolve
 * each package's package.json (always exported) and join the file path onto its directory.
 */
function packageFile(pkg: string, file: string): { file: string; version: string } {
  const pkgJsonPath = require.resolve(`${pkg}/package.json`);
  const { version } = JSON.parse(readFileSync(pkgJsonPath, 'utf8')) as { version: string };
  return { file: path.join(path.dirname(pkgJsonPath), file), version };
}

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';
const SOURCE_MAP = 'application/json; charset=utf-8';

function resolveAssets(): { react: Asset; reactDom: Asset; graphiqlJs: Asset; graphiqlCss: Asset; extra: Asset[] } {
  const asset = (pkg: string, file: string, contentType: string, servedAs = path.basename(file)): Asset => {
    const resolved = packageFile(pkg, file);
    return { urlPath: `/${pkg}@${resolved.version}/${servedAs}`, file: resolved.file, contentType };
  };
  return {
    react: asset('react', 'umd/react.production.min.js', JS),
    reactDom: asset('react-dom', 'umd/react-dom.production.min.js', JS),
    graphiqlJs: asset('graphiql', 'graphiql.min.js', JS),
    graphiqlCss: asset('graphiql', 'graphiql.min.css', CSS),
    // graphiql.min.js ends with `//# sourceMappingURL=index.umd.js.map` (relative to the script URL).
    extra: [asset('graphiql', 'dist/index.umd.js.map', SOURCE_MAP)],
  };
}

/**
 * JSON that is safe to embed inside an inline `<script>`: `<`, `>` and `&` are escaped so neither
 * `</script>` nor `<!--` can appear, and U+2028/U+2029 are escaped for pre-ES2019 parsers.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** connect-src: same origin, plus the endpoint's origin when it is an absolute http(s) URL. */
function connectSources(endpoint: string): string {
  const sources = ["'self'"];
  if (/^https?:\/\//i.test(endpoint)) {
    sources.push(new URL(endpoint).origin);
  }
  return sources.join(' ');
}

function contentSecurityPolicy(nonce: string, endpoint: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    // GraphiQL (CodeMirror, React style props) relies on inline styles.
    "style-src 'self' 'unsafe-inline'",
    `connect-src ${connectSources(endpoint)}`,
    "img-src 'self' data:",
    // The GraphiQL stylesheet embeds its fonts as data: URLs.
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'self'",
  ].join('; ');
}

/** Router serving the GraphiQL page (`GET /`, `GET /graphql` for browsers) and its assets. */
export function graphiqlRouter(options: GraphiqlOptions): express.Router {
  const assets = resolveAssets();
  const title = options.title ?? 'newsgraph · GraphiQL';
  const tabs = options.examples.map((example) => ({
    query: example.query,
    variables: example.variables === undefined ? null : JSON.stringify(example.variables, null, 2),
  }));
  const config = { endpoint: options.endpoint, tabs };
  const configJson = jsonForScript(config);

  const router = express.Router();

  for (const asset of [assets.react, assets.reactDom, assets.graphiqlJs, assets.graphiqlCss, ...assets.extra]) {
    router.get(`${ASSET_PREFIX}${asset.urlPath}`, (_req: Request, res: Response, next: NextFunction) => {
      res.sendFile(
        asset.file,
        {
          maxAge: '1y',
          immutable: true,
          headers: { 'Content-Type': asset.contentType, 'X-Content-Type-Options': 'nosniff' },
        },
        (err) => {
          if (err && !res.headersSent) next(err);
        },
      );
    });
  }

  function graphiqlPage(req: Request, res: Response): void {
    const nonce = randomBytes(16).toString('base64');
    const base = req.baseUrl; // '' at the root, or the mount path
    const url = (asset: Asset): string => escapeHtml(`${base}${ASSET_PREFIX}${asset.urlPath}`);
    const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${url(assets.graphiqlCss)}">
<style>html, body, #graphiql { height: 100%; margin: 0; overflow: hidden; }</style>
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<script src="${url(assets.react)}"></script>
<script src="${url(assets.reactDom)}"></script>
<script src="${url(assets.graphiqlJs)}"></script>
<script nonce="${nonce}">
(function () {
  var config = ${configJson};
  var props = {
    fetcher: GraphiQL.createFetcher({ url: config.endpoint }),
    defaultEditorToolsVisibility: true
  };
  if (config.tabs.length > 0) props.defaultTabs = config.tabs;
  // GraphiQL 3 fills the first tab's editors from defaultTabs only for the query, not the
  // variables; on a first visit (no tabs stored in this browser) hand it the first tab's too.
  var stored = null;
  try { stored = window.localStorage.getItem('graphiql:tabState'); } catch (e) {}
  if (!stored && config.tabs.length > 0 && config.tabs[0].variables) props.variables = config.tabs[0].variables;
  ReactDOM.createRoot(document.getElementById('graphiql')).render(React.createElement(GraphiQL, props));
})();
</script>
</body>
</html>
`;
    res
      .status(200)
      .set({
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': contentSecurityPolicy(nonce, options.endpoint),
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        Vary: 'Accept',
      })
      .send(html);
  }

  router.get('/', (req: Request, res: Response) => graphiqlPage(req, res));

  router.get('/graphql', (req: Request, res: Response, next: NextFunction) => {
    if (req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html') {
      graphiqlPage(req, res);
      return;
    }
    next();
  });

  return router;
}
