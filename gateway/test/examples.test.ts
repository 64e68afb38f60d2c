import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Role } from '@participa/auth';
import { startTestGraph, type TestGraph } from '@participa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVICES } from '../src/catalog.ts';

/**
 * Every GraphQL example of the README and the front-end guide runs here as written, in the order
 * written, on the demo data, and must return data: no error, no null answer, no empty list and no
 * zero `totalCount`. An example says who runs it in the HTML comment before it
 * (`<!-- example {"as": "ese_staff", "network": "CENTRO"} -->`); `from` fills variables from the
 * answers of the examples before it, as a front end would pass an id along.
 */
interface Example {
  document: string;
  name: string;
  query: string;
  as: Role | 'anonymous';
  network?: string;
  from: Record<string, string>;
}

/** The example's annotation: the comment that ends the text before its block. */
const ANNOTATION = /<!-- example (\{[^\n]*\}) -->$/;

function examplesOf(document: string): Example[] {
  const text = readFileSync(fileURLToPath(new URL(`../../${document}`, import.meta.url)), 'utf8');
  const blocks = [...text.matchAll(/```graphql\n([\s\S]*?)```/g)];
  return blocks.map((block) => {
    const before = text.slice(0, block.index);
    const annotation = ANNOTATION.exec(before.trimEnd());
    const query = block[1]!;
    const name = /^(?:query|mutation)\s+(\w+)/m.exec(query)?.[1] ?? query.split('\n')[0]!;
    if (!annotation) throw new Error(`${document}: the example "${name}" has no <!-- example {...} --> line`);
    const options = JSON.parse(annotation[1]!) as Pick<Example, 'as' | 'network'> &
      Partial<Pick<Example, 'from'>>;
    return { document, name, query, ...options, from: options.from ?? {} };
  });
}

function at(data: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], data);
}

/**
 * Where an answer shows nothing: a root field that is null, an empty list or a zero `totalCount`
 * anywhere. (A null deeper down is data: an anonymous PQRS has no petitioner.)
 */
function emptiness(value: unknown, path = ''): string[] {
  if (value === null) return path.includes('.') ? [] : [path];
  if (Array.isArray(value))
    return value.length === 0 ? [path] : value.flatMap((item, i) => emptiness(item, `${path}.${i}`));
  if (typeof value === 'object')
    return Object.entries(value as Record<string, unknown>).flatMap(([key, item]) =>
      key === 'totalCount' && item === 0
        ? [`${path}.${key}`]
        : emptiness(item, path ? `${path}.${key}` : key),
    );
  return [];
}

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph(SERVICES, { demoData: true });
});
afterAll(() => graph?.stop());

describe.each(['README.md', 'docs/guide.md'])('the examples of %s', (document) => {
  const examples = examplesOf(document);
  const answers: unknown[] = [];

  it('has examples, each saying who runs it', () => {
    expect(examples.length).toBeGreaterThan(2);
  });

  it.each(examples)('$name returns data as written', async (example) => {
    const variables = Object.fromEntries(
      Object.entries(example.from).map(([name, path]) => {
        const found = answers.map((answer) => at(answer, path)).findLast((value) => value !== undefined);
        if (found === undefined) throw new Error(`no earlier example answered ${path}`);
        return [name, found];
      }),
    );
    const caller = example.as === 'anonymous' ? undefined : { role: example.as, network: example.network };
    const result = await graph.request(example.query, variables, caller);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    expect(emptiness(result.data)).toEqual([]);
    answers.push(result.data);
  });
});
