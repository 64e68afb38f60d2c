/**
 * `npm run schema:publish`: writes the composed API schema to docs/api-schema.graphql. A change
 * that breaks clients (a removed field, a narrowed argument) is refused unless
 * `--allow-breaking` is given: the contract says fields are deprecated, never removed.
 */
import { existsSync, writeFileSync } from 'node:fs';
import {
  compareWithPublished,
  composeApiSchema,
  PUBLISHED_SCHEMA_PATH,
  printApiSchema,
  readPublishedSchema,
} from './api-schema.ts';

const schema = composeApiSchema();
if (existsSync(PUBLISHED_SCHEMA_PATH) && !process.argv.includes('--allow-breaking')) {
  const { breaking } = compareWithPublished(schema, readPublishedSchema());
  if (breaking.length) {
    console.error('Breaking changes against the published schema (docs/api-schema.graphql):');
    for (const change of breaking) console.error(`- ${change.type}: ${change.description}`);
    console.error('Deprecate instead of removing; if clients agreed, rerun with --allow-breaking.');
    process.exit(1);
  }
}
writeFileSync(PUBLISHED_SCHEMA_PATH, printApiSchema(schema));
console.log(`API schema published: ${PUBLISHED_SCHEMA_PATH}`);
