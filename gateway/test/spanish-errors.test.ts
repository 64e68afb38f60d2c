import { territoryService } from '@participa/territory';
import { startTestGraph, type TestGraph } from '@participa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * graphql-js and Apollo Server raise their own parse, validation and request errors in English
 * before any resolver runs. Citizens read them too: every one of them must reach the client in
 * Spanish, with the code of the contract and the hints ("did you mean") kept.
 */
let graph: TestGraph;
let staffToken: string;
beforeAll(async () => {
  graph = await startTestGraph([territoryService], { production: true });
  staffToken = await graph.tokenFor({ role: 'ese_staff', network: 'CENTRO' });
});
afterAll(() => graph?.stop());

interface Sent {
  status: number;
  errors: { message: string; extensions?: { code?: string } }[];
}

async function send(body: string | undefined, init: { contentType?: string; method?: string } = {}) {
  const url = init.method === 'GET' ? `${graph.gatewayUrl}?${body}` : graph.gatewayUrl;
  const response = await fetch(url, {
    method: init.method ?? 'POST',
    headers: {
      authorization: `Bearer ${staffToken}`,
      ...(init.method === 'GET'
        ? { 'apollo-require-preflight': 'true' }
        : { 'content-type': init.contentType ?? 'application/json' }),
    },
    body: init.method === 'GET' ? undefined : body,
  });
  return { status: response.status, errors: ((await response.json()) as Sent).errors ?? [] } as Sent;
}

const operation = (query: string, variables?: Record<string, unknown>, operationName?: string) =>
  send(JSON.stringify({ query, variables, operationName }));

/**
 * English words graphql-js and Apollo write in their messages. Quoted names (types, fields, the
 * client's own values) are left out: they are the client's vocabulary, not prose.
 */
const ENGLISH = new RegExp(
  `\\b(${[
    'the',
    'of',
    'is',
    'are',
    'was',
    'must',
    'cannot',
    'can',
    'unknown',
    'expected',
    'found',
    'did',
    'you',
    'mean',
    'provided',
    'required',
    'argument',
    'field',
    'type',
    'value',
    'operation',
    'syntax',
    'never',
    'used',
    'only',
    'named',
    'defined',
    'query',
    'selection',
    'subfields',
    'has',
    'and',
    'or',
    'but',
    'by',
    'be',
    'should',
    'invalid',
    'missing',
    'body',
    'not',
    'with',
  ].join('|')})\\b`,
  'i',
);
const prose = (message: string) => message.replace(/"[^"]*"/g, '""').replace(/`[^`]*`/g, '``');

const CASES: [string, () => Promise<Sent>][] = [
  ['syntax error', () => operation('{ networks { code ')],
  ['unexpected character', () => operation('{ networks { code ? } }')],
  ['unterminated string', () => operation('{ territory(id: "abc) { name } }')],
  ['empty query', () => operation('')],
  ['no query at all', () => send(JSON.stringify({ variables: {} }))],
  ['empty body', () => send('')],
  ['query that is not a string', () => send(JSON.stringify({ query: 42 }))],
  [
    'variables that are not an object',
    () => send(JSON.stringify({ query: '{ networks { code } }', variables: 3 })),
  ],
  ['unknown field with a hint', () => operation('{ networks { cod } }')],
  ['unknown field on the root', () => operation('{ netwrks { code } }')],
  ['unknown argument', () => operation('{ networks(first: 2) { code } }')],
  ['missing required argument', () => operation('{ territory { name } }')],
  ['object without a selection', () => operation('{ networks }')],
  ['selection on a leaf', () => operation('{ networks { code { x } } }')],
  [
    'missing inline input field',
    () => operation('mutation { createOrganization(input: { kind: COPACO }) { id } }'),
  ],
  [
    'unknown inline input field',
    () => operation('mutation { createOrganization(input: { name: "x", kind: COPACO, color: 1 }) { id } }'),
  ],
  [
    'wrong inline enum value',
    () => operation('mutation { createOrganization(input: { name: "x", kind: COPAKO }) { id } }'),
  ],
  [
    'wrong inline scalar',
    () => operation('mutation { createOrganization(input: { name: 7, kind: COPACO }) { id } }'),
  ],
  [
    'missing variable input field',
    () =>
      operation('mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }', {
        input: { kind: 'COPACO' },
      }),
  ],
  [
    'wrong variable enum value',
    () =>
      operation('mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }', {
        input: { name: 'x', kind: 'COPAKO' },
      }),
  ],
  ['required variable not given', () => operation('query ($id: ID!) { territory(id: $id) { name } }', {})],
  ['unknown type of a variable', () => operation('query ($id: Identifier) { networks { code } }')],
  ['unused variable', () => operation('query ($id: ID) { networks { code } }')],
  ['undefined variable', () => operation('{ territory(id: $id) { name } }')],
  [
    'variable of the wrong type',
    () => operation('query ($id: String) { territory(id: $id) { name } }', { id: 'x' }),
  ],
  ['duplicate variable', () => operation('query ($a: ID, $a: ID) { networks { code } }')],
  [
    'duplicate operation names',
    () => operation('query A { networks { code } } query A { networks { name } }', undefined, 'A'),
  ],
  ['anonymous among several', () => operation('{ networks { code } } query B { networks { name } }')],
  [
    'several operations without a name',
    () => operation('query A { networks { code } } query B { networks { name } }'),
  ],
  ['unknown operation name', () => operation('query A { networks { code } }', undefined, 'Z')],
  ['unknown fragment', () => operation('{ networks { ...Missing } }')],
  ['unused fragment', () => operation('{ networks { code } } fragment F on Network { name }')],
  ['fragment on an unknown type', () => operation('{ networks { ...F } } fragment F on Nope { name }')],
  ['unknown directive', () => operation('{ networks @cached { code } }')],
  ['conflicting aliases', () => operation('{ networks { x: code x: name } }')],
  ['subscription', () => operation('subscription { networks { code } }')],
  ['introspection in production', () => operation('{ __schema { types { name } } }')],
  ['text/plain body', () => send('{ networks { code } }', { contentType: 'text/plain' })],
  ['invalid JSON', () => send('{ "query": ', {})],
  ['mutation over GET', () => send('query=mutation%20%7B%20__typename%20%7D', { method: 'GET' })],
];

describe('graphql-js and Apollo errors through the gateway, in production', () => {
  it.each(CASES)('%s: answered in Spanish with a code', async (_, run) => {
    const { errors } = await run();
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) {
      expect(prose(error.message), error.message).not.toMatch(ENGLISH);
      expect(error.message).toMatch(/[a-záéíóúñ]{3}/i);
    }
  });

  it('keeps the "did you mean" hints, in Spanish', async () => {
    const field = await operation('{ networks { cod } }');
    expect(field.errors[0]?.message).toContain('"cod"');
    expect(field.errors[0]?.message).toMatch(/¿Quiso decir "code"/);
    const value = await operation(
      'mutation { createOrganization(input: { name: "x", kind: COPAKO }) { id } }',
    );
    expect(value.errors[0]?.message, value.errors[0]?.message).toMatch(/¿Quiso decir .*"COPACO"/);
  });

  it('names the missing input field in full and keeps the contract codes', async () => {
    const missing = await operation('mutation { createOrganization(input: { kind: COPACO }) { id } }');
    expect(missing.errors[0]).toMatchObject({
      message: expect.stringContaining('CreateOrganizationInput.name'),
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    const syntax = await operation('{ networks { code ');
    expect(syntax.errors[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(syntax.errors[0]?.message).toMatch(/^Error de sintaxis/);
  });

  it('tells a text/plain body apart from invalid JSON', async () => {
    const plain = await send('{ networks { code } }', { contentType: 'text/plain' });
    const broken = await send('{ "query": ');
    expect(plain.status).toBe(415);
    expect(broken.status).toBe(400);
    expect(plain.errors[0]?.message).not.toBe(broken.errors[0]?.message);
    expect(plain.errors[0]?.message).toContain('application/json');
  });
});
