import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatedPath, generateResolverTypes, root } from '../../scripts/resolver-types.ts';
import { SERVICES } from '../src/catalog.ts';

// The committed resolver types must be what `npm run codegen` writes from the current schemas: a
// schema change without regenerating fails here (no database needed).
describe('generated resolver types', () => {
  it.each(SERVICES.map((service) => [service.name, service] as const))(
    '%s: the committed file matches its schema',
    async (_name, service) => {
      const file = generatedPath(service);
      let committed: string | undefined;
      try {
        committed = readFileSync(path.join(root, file), 'utf8');
      } catch {
        committed = undefined;
      }
      const expected = await generateResolverTypes(service);
      if (committed !== expected) {
        expect.fail(
          committed === undefined
            ? `${file} is missing: run npm run codegen and commit it.`
            : `${file} is out of date with its schema: run npm run codegen and commit it.`,
        );
      }
    },
  );
});
