import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { IDENTITY_HEADER } from '@participa/auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dedupingFetcher } from '../src/subgraph-fetch.ts';

/** A subgraph stand-in that answers after 100 ms and counts what reaches it. */
let server: http.Server;
let url: string;
let received = 0;
beforeAll(async () => {
  server = http.createServer((req, res) => {
    received += 1;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () =>
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            data: { echo: Buffer.concat(chunks).toString(), identity: req.headers[IDENTITY_HEADER] },
          }),
        );
      }, 100),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const call = (fetcher: ReturnType<typeof dedupingFetcher>, query: string, identity: string) =>
  fetcher(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: identity },
    body: JSON.stringify({ query, variables: { first: 5 } }),
  }).then((response) => response.json() as Promise<{ data: { identity: string } }>);

describe('identical subgraph fetches in flight', () => {
  it('go out once for one identity, and every caller gets its own copy of the answer', async () => {
    const fetcher = dedupingFetcher();
    received = 0;
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => call(fetcher, 'query { a }', 'anonymous')),
    );
    expect(received).toBe(1);
    expect(new Set(answers).size).toBe(10);
    expect(answers.every((answer) => answer.data.identity === 'anonymous')).toBe(true);
  });

  it('are never shared between two identities', async () => {
    const fetcher = dedupingFetcher();
    received = 0;
    const [centro, norte] = await Promise.all([
      call(fetcher, 'query { pqrs }', 'staff-centro'),
      call(fetcher, 'query { pqrs }', 'staff-norte'),
    ]);
    expect(received).toBe(2);
    expect([centro.data.identity, norte.data.identity]).toEqual(['staff-centro', 'staff-norte']);
  });

  it('never merges mutations, and keeps nothing once answered', async () => {
    const fetcher = dedupingFetcher();
    received = 0;
    await Promise.all(Array.from({ length: 3 }, () => call(fetcher, 'mutation { submit }', 'anonymous')));
    expect(received).toBe(3);
    await call(fetcher, 'query { a }', 'anonymous');
    await call(fetcher, 'query { a }', 'anonymous');
    expect(received).toBe(5);
  });
});
