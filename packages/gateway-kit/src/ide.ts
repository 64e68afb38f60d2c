import { existsSync, readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * GraphiQL served from node_modules, so the development IDE works without internet (the default
 * Apollo landing page loads Apollo Sandbox from a CDN).
 */
const require = createRequire(import.meta.url);
const ASSETS: Record<string, { file: string; type: string }> = {
  '/ide/react.js': { file: 'react/umd/react.production.min.js', type: 'text/javascript' },
  '/ide/react-dom.js': { file: 'react-dom/umd/react-dom.production.min.js', type: 'text/javascript' },
  '/ide/graphiql.js': { file: 'graphiql/graphiql.min.js', type: 'text/javascript' },
  '/ide/graphiql.css': { file: 'graphiql/graphiql.min.css', type: 'text/css' },
};

/** The packages' `exports` maps hide their UMD bundles from `require.resolve`: look in node_modules. */
function locate(file: string): string {
  const [name] = file.split('/');
  for (const folder of require.resolve.paths(name!) ?? []) {
    const candidate = path.join(folder, file);
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`${file} is not installed`);
}

const PAGE = `<!doctype html>
<html lang="es">
<head>
  <meta charset="utf-8" />
  <title>Participa Salud · GraphiQL</title>
  <link rel="stylesheet" href="/ide/graphiql.css" />
  <style>body { margin: 0; height: 100vh; } #ide { height: 100vh; }</style>
</head>
<body>
  <div id="ide"></div>
  <script src="/ide/react.js"></script>
  <script src="/ide/react-dom.js"></script>
  <script src="/ide/graphiql.js"></script>
  <script>
    const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
    // A shared link (/graphql?query=…&variables=…) opens with its operation.
    const shared = new URLSearchParams(location.search);
    ReactDOM.createRoot(document.getElementById('ide')).render(
      React.createElement(GraphiQL, {
        fetcher,
        query: shared.get('query') ?? undefined,
        variables: shared.get('variables') ?? undefined,
        defaultQuery:
          '# Ejemplo público: las cinco redes de Cali y sus comunas (sin token).\\n' +
          '# Operaciones del personal: genere un token con\\n' +
          '#   npm run token -- --role ese_staff --network CENTRO\\n' +
          '# y agréguelo en la pestaña Headers: { "Authorization": "Bearer <token>" }\\n' +
          '{\\n  networks { code name territories { code name kind } }\\n}\\n',
      }),
    );
  </script>
</body>
</html>`;

const cache = new Map<string, Buffer>();

/** Answers `/` and `/ide/*`; returns false for any other path. */
export function serveIde(res: ServerResponse, pathname: string): boolean {
  if (pathname === '/' || pathname === '/ide') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(PAGE);
    return true;
  }
  const asset = ASSETS[pathname];
  if (!asset) return false;
  let content = cache.get(pathname);
  if (!content) {
    content = readFileSync(locate(asset.file));
    cache.set(pathname, content);
  }
  res.writeHead(200, { 'content-type': `${asset.type}; charset=utf-8`, 'cache-control': 'max-age=3600' });
  res.end(content);
  return true;
}
