// Run by `npm install`/`npm ci` (postinstall), in development and in the production image: fixes
// postgres.js 3.4.9 (the driver of every service) so a PostgreSQL restart cannot crash a process.
//
// The bug (porsager/postgres#1208, #1154; fix proposed in #1209, unreleased in 3.4.x): a write of
// under 1 KiB is deferred with setImmediate; when the server closes the connection first (a fast
// shutdown ends every session), `closed()` sets `socket = null` and the deferred `nextWrite` then
// throws `TypeError: Cannot read properties of null (reading 'write')` from a timer — an uncaught
// exception that kills the subgraph or worker. A transaction's ROLLBACK after the server's
// "terminating connection" error takes that path (gateway/test/restarts.test.ts). Teardown also
// cleared the timer without forgetting it, so a reconnected connection could never flush again.
//
// The patch: a write with no socket settles the waiting queries with CONNECTION_CLOSED (a normal,
// catchable error; the pool reconnects), and teardown forgets the cleared timer and buffered bytes.
//
// A second bug of the same restart: a new connection fetches the array types first, and that
// promise is returned to the socket's data handler, which drops it. When the server goes away
// during the fetch, its CONNECTION_CLOSED is an unhandled rejection (Node then exits). The
// connection's queries are settled by its close anyway and the next connection fetches again, so
// the patch catches it there.
// Idempotent; fails loudly if the driver changed, so an upgrade reviews it (drop it once fixed).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const MARK = '/* participa: patched, see scripts/patch-postgres.mjs */';
const replacements = [
  [
    '  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)',
    `  function nextWrite(fn) {\n    ${MARK}\n    if (!socket) {\n      chunk = nextWriteTimer = null\n      error(Errors.connection('CONNECTION_CLOSED', options))\n      return false\n    }\n    const x = socket.write(chunk, fn)`,
  ],
  [
    '    clearImmediate(nextWriteTimer)\n    if (socket) {',
    '    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n    if (socket) {',
  ],
  [
    '    incomings = null\n    clearImmediate(nextWriteTimer)\n',
    '    incomings = null\n    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n',
  ],
  [
    '        return fetchArrayTypes()\n',
    '        return fetchArrayTypes().catch(() => { /* closed while fetching: see the close */ })\n',
  ],
];

let root;
try {
  // `postgres` exports no package.json: its main entry is cjs/src/index.js.
  root = path.resolve(path.dirname(createRequire(import.meta.url).resolve('postgres')), '../..');
} catch {
  process.exit(0); // not installed (e.g. a partial install): nothing to patch
}
const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
for (const file of ['src/connection.js', 'cjs/src/connection.js', 'cf/src/connection.js']) {
  const target = path.join(root, file);
  if (!existsSync(target)) continue;
  let source = readFileSync(target, 'utf8');
  if (source.includes(MARK)) continue;
  for (const [from, to] of replacements) {
    if (!source.includes(from)) {
      console.error(
        `scripts/patch-postgres.mjs: postgres ${version} ${file} changed; review the patch (porsager/postgres#1208).`,
      );
      process.exit(1);
    }
    source = source.replace(from, to);
  }
  writeFileSync(target, source);
}
