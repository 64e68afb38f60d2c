import { describe, expect, it } from 'vitest';
import {
  compareWithPublished,
  composeApiSchema,
  printApiSchema,
  readPublishedSchema,
} from '../src/api-schema.ts';

describe('the published API schema (docs/api-schema.graphql)', () => {
  const current = composeApiSchema();
  const { breaking, unpublished } = compareWithPublished(current, readPublishedSchema());

  it('has no breaking change in the composed graph: fields are deprecated, never removed', () => {
    expect(breaking.map((change) => `${change.type}: ${change.description}`)).toEqual([]);
  });

  it('is the composed graph as it is now (run npm run schema:publish and commit it)', () => {
    expect(unpublished).toBe(false);
  });

  it('catches a field that was published and is gone', () => {
    const published = printApiSchema(current).replace(
      /type Query \{/,
      'type Query {\n  retiredField: String',
    );
    const check = compareWithPublished(current, published);
    expect(check.unpublished).toBe(true);
    expect(check.breaking.map((c) => c.description)).toEqual(['Query.retiredField was removed.']);
  });
});
