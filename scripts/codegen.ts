/**
 * `npm run codegen`: writes `services/<name>/src/generated/resolvers-types.ts` for every subgraph
 * (graphql-codegen's typed resolvers; see scripts/resolver-types.ts). Run it after changing a
 * `schema.graphql` or shared SDL and commit the result; gateway/test/codegen.test.ts checks it.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SERVICES } from '../gateway/src/catalog.ts';
import { generatedPath, generateResolverTypes, root } from './resolver-types.ts';

for (const service of SERVICES) {
  const file = path.join(root, generatedPath(service));
  const content = await generateResolverTypes(service);
  let current: string | undefined;
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    current = undefined;
  }
  if (current === content) {
    console.log(`${generatedPath(service)}: up to date`);
    continue;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
  console.log(`${generatedPath(service)}: written`);
}
