import { signDevToken } from '@participa/auth';
import { educationService } from '@participa/education';
import { feedbackService } from '@participa/feedback';
import { composeSupergraph, startGateway } from '@participa/gateway-kit';
import { planningService } from '@participa/planning';
import { territoryService } from '@participa/territory';
import {
  type Caller,
  startTestGraph,
  TEST_JWT_SECRET,
  TEST_SIGNING_SECRET,
  type TestGraph,
} from '@participa/testing';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * A production-mode sweep: every kind of failure a client can provoke, from every layer (token
 * check, parsing, validation, limits, a subgraph's refusal, a subgraph's own 401, a bad cursor, a
 * subgraph that is down). Each answer must carry a contract code and a Spanish message and nothing
 * internal: no URL, no subgraph name, no SQL, no file path, no stack, no extension but code/field.
 */
const SERVICES = [territoryService, planningService, educationService, feedbackService];
let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph(SERVICES, { demoData: true, production: true });
});
afterAll(() => graph?.stop());

const INTERNAL_DETAIL: [string, RegExp][] = [
  ['URL', /https?:\/\/|127\.0\.0\.1|localhost|:\d{4,5}\//i],
  ['subgraph name', /\b(territory|planning|education|feedback|serviceName)\b/i],
  ['SQL', /\b(select|insert into|update \S+ set|delete from|where|params?:)\b|"?\$\d+/i],
  ['file path or stack', /\/work\/|node_modules|\.(ts|js):\d+|\bat \S+ \(|stacktrace/i],
];
const ALLOWED_EXTENSIONS = new Set(['code', 'field']);

interface Answer {
  status: number;
  body: {
    data?: unknown;
    errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  };
}
const findings: string[] = [];

/** What a client sees that it should not: one line per finding. */
function inspect(name: string, answer: Answer): void {
  const errors = answer.body.errors ?? [];
  if (errors.length === 0) findings.push(`${name}: no error at all`);
  for (const error of errors) {
    for (const [what, pattern] of INTERNAL_DETAIL) {
      if (pattern.test(error.message)) findings.push(`${name}: ${what} in message "${error.message}"`);
    }
    const extra = Object.keys(error.extensions ?? {}).filter((key) => !ALLOWED_EXTENSIONS.has(key));
    if (extra.length) findings.push(`${name}: extensions ${extra.join(', ')}`);
  }
}

async function send(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

const bearer = async (caller: Caller) => ({ authorization: `Bearer ${await graph.tokenFor(caller)}` });
const cursor = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');
const CENTRO = { role: 'ese_staff', network: 'CENTRO' } as const;
const NORTE = { role: 'ese_staff', network: 'NORTE' } as const;
const CREATE_ORG = `mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`;
const org = (influence = 3) => ({
  networkCode: 'CENTRO',
  name: 'Veeduría en Salud Comuna 8',
  kind: 'VEEDURIA',
  influence,
  interest: 4,
  position: 'SUPPORTS',
});

describe('production sweep', () => {
  it('refusals reach the client with their contract code and the subgraph’s Spanish message', async () => {
    const cases: [string, Promise<Answer>, string, RegExp][] = [
      [
        'another network’s write',
        send(graph.gatewayUrl, { query: CREATE_ORG, variables: { input: org() } }, await bearer(NORTE)),
        'FORBIDDEN',
        /permiso/,
      ],
      [
        'anonymous write (the subgraph answers 401)',
        send(graph.gatewayUrl, { query: CREATE_ORG, variables: { input: org() } }),
        'UNAUTHENTICATED',
        /iniciar sesión/,
      ],
      [
        'bad input',
        send(graph.gatewayUrl, { query: CREATE_ORG, variables: { input: org(9) } }, await bearer(CENTRO)),
        'BAD_USER_INPUT',
        /influence/,
      ],
      [
        'missing registration',
        send(graph.gatewayUrl, {
          query:
            'mutation { cancelRegistration(id: "00000000-0000-4000-8000-000000000000", checkInCode: "ABC123") { id } }',
        }),
        'NOT_FOUND',
        /No existe/,
      ],
    ];
    for (const [name, pending, code, message] of cases) {
      const answer = await pending;
      inspect(name, answer);
      expect(answer.body.errors?.[0], name).toMatchObject({ extensions: { code } });
      expect(answer.body.errors?.[0]?.message, name).toMatch(message);
    }
  });

  it('bad tokens are refused as UNAUTHENTICATED in Spanish', async () => {
    const now = Math.floor(Date.now() / 1000);
    const noExpiry = await new SignJWT({ roles: ['secretariat'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u')
      .setIssuedAt(now)
      .sign(new TextEncoder().encode(TEST_JWT_SECRET));
    const tokens: Record<string, string> = {
      garbage: 'Bearer abc.def.ghi',
      'not bearer': 'Basic dXNlcjpwYXNz',
      'alg none': `Bearer ${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"u","roles":["secretariat"]}').toString('base64url')}.`,
      expired: `Bearer ${await signDevToken({ sub: 'u', roles: ['secretariat'] }, TEST_JWT_SECRET, '-5m')}`,
      'never expires': `Bearer ${noExpiry}`,
      'other secret': `Bearer ${await signDevToken({ sub: 'u', roles: ['secretariat'] }, 'x'.repeat(40))}`,
    };
    for (const [name, authorization] of Object.entries(tokens)) {
      const answer = await send(graph.gatewayUrl, { query: '{ networks { code } }' }, { authorization });
      inspect(`token ${name}`, answer);
      expect(answer.status, name).toBe(401);
      expect(answer.body.errors?.[0]?.extensions?.code, name).toBe('UNAUTHENTICATED');
    }
  });

  it('parse, validation and variable errors, and bodies that are not GraphQL', async () => {
    const cases: Record<string, unknown> = {
      parse: { query: '{ networks { code ' },
      'unknown field': { query: '{ networks { secret } }' },
      'wrong variable type': {
        query: 'query ($c: String!) { network(code: $c) { code } }',
        variables: { c: 5 },
      },
      'missing variable': { query: 'query ($c: String!) { network(code: $c) { code } }' },
      introspection: { query: '{ __schema { types { name } } }' },
      'impossible date literal': {
        query: '{ workshops(filter: { from: "2026-02-31T00:00:00Z" }) { totalCount } }',
      },
      'no query': {},
      'not JSON': '{"query": ',
    };
    for (const [name, body] of Object.entries(cases)) inspect(name, await send(graph.gatewayUrl, body));
  });

  it('malformed cursors and cursors with impossible contents', async () => {
    const bad = [
      'zzz',
      cursor(['no-es-fecha', 'no-es-uuid']),
      cursor([{ a: 1 }]),
      cursor(['x']),
      cursor([1, 2, 3]),
    ];
    const lists = [
      ['organizations', 'query ($a: String) { organizations(after: $a) { totalCount } }', undefined],
      ['cartography', 'query ($a: String) { cartographyFeatures(after: $a) { totalCount } }', undefined],
      ['workshops', 'query ($a: String) { workshops(after: $a) { totalCount } }', undefined],
      ['materials', 'query ($a: String) { materials(after: $a) { totalCount } }', undefined],
      ['pqrs', 'query ($a: String) { pqrsList(after: $a) { totalCount } }', CENTRO],
    ] as const;
    for (const [name, query, as] of lists) {
      for (const after of bad) {
        const answer = await send(
          graph.gatewayUrl,
          { query, variables: { a: after } },
          as ? await bearer(as) : {},
        );
        inspect(`${name} after ${after}`, answer);
        expect(answer.body.errors?.[0]?.extensions, `${name} ${after}`).toEqual({
          code: 'BAD_USER_INPUT',
          field: 'after',
        });
      }
    }
  });

  it('a subgraph that is down', async () => {
    const supergraphSdl = composeSupergraph(
      SERVICES.map((definition, i) => ({ definition, url: graph.subgraphs[i]!.url })),
    );
    const gateway = await startGateway({
      supergraphSdl,
      port: 0,
      production: true,
      jwtSecret: TEST_JWT_SECRET,
      signingSecret: TEST_SIGNING_SECRET,
      subgraphUrls: { education: 'http://127.0.0.1:9/graphql' },
    });
    try {
      const answer = await send(gateway.url, { query: '{ workshops { totalCount } }' });
      inspect('education down', answer);
      // The outage is named for what it is, in Spanish, at the field it cost; nothing else leaves.
      expect(answer.body.errors?.[0]?.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE' });
      expect(answer.body.errors?.[0]?.path).toEqual(['workshops']);
    } finally {
      await gateway.close();
    }
  });

  // Runs last (tests of a file run in order): lists every leak of the sweep, not only the first.
  it('finds no internal detail in any answer', () => {
    expect(findings).toEqual([]);
  });
});
