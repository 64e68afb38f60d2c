/**
 * Build step: composes the supergraph from every service's SDL and writes `supergraph.graphql`.
 * A composition error exits non-zero, which fails `npm start`, the build and the tests.
 */
import { writeFileSync } from 'node:fs';
import { composeSupergraph } from '@participa/gateway-kit';
import { SERVICES, subgraphUrl } from './catalog.ts';
import { SUPERGRAPH_PATH } from './paths.ts';

try {
  const sdl = composeSupergraph(SERVICES.map((definition) => ({ definition, url: subgraphUrl(definition) })));
  writeFileSync(SUPERGRAPH_PATH, sdl);
  console.log(`Supergraph composed from ${SERVICES.length} subgraph(s): ${SUPERGRAPH_PATH}`);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
