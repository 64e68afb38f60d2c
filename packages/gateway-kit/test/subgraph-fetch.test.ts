import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { IDENTITY_HEADER } from '@participa/auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dedupingFetcher, subgraphFetcher } from '../src/subgraph-fetch.ts';

/** A subgraph stand-in that answers after 100 ms and counts what reaches it. */
let server: http.Server;
let url: string;
let received = 0;
beforeAll(async () => {
  server = http.createServer((req, res) => {
    received += 1;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (Buffer.concat(chunks).toString().includes('slowBody')) {
        // Headers at once, the rest of the answer only after 300 ms.
        res.writeHead(200, { 'content-type': 'application/json', 'Cache-Control': 'max-age=5, public' });
        res.write('{"data":');
        setTimeout(() => res.end('{"slow":true}}'), 300);
        return;
      }
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            data: { echo: Buffer.concat(chunks).toString(), identity: req.headers[IDENTITY_HEADER] },
          }),
        );
      }, 100);
    });
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
    const fetcher = dedupingFetcher(subgraphFetcher(5_000));
    received = 0;
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => call(fetcher, 'query { a }', 'anonymous')),
    );
    expect(received).toBe(1);
    expect(new Set(answers).size).toBe(10);
    expect(answers.every((answer) => answer.data.identity === 'anonymous')).toBe(true);
  });

  it('are never shared between two identities', async () => {
    const fetcher = dedupingFetcher(subgraphFetcher(5_000));
    received = 0;
    const [centro, norte] = await Promise.all([
      call(fetcher, 'query { pqrs }', 'staff-centro'),
      call(fetcher, 'query { pqrs }', 'staff-norte'),
    ]);
    expect(received).toBe(2);
    expect([centro.data.identity, norte.data.identity]).toEqual(['staff-centro', 'staff-norte']);
  });

  it('never merges mutations, and keeps nothing once answered', async () => {
    const fetcher = dedupingFetcher(subgraphFetcher(5_000));
    received = 0;
    await Promise.all(Array.from({ length: 3 }, () => call(fetcher, 'mutation { submit }', 'anonymous')));
    expect(received).toBe(3);
    await call(fetcher, 'query { a }', 'anonymous');
    await call(fetcher, 'query { a }', 'anonymous');
    expect(received).toBe(5);
  });
});

describe('the subgraph client', () => {
  const post = (fetcher: ReturnType<typeof subgraphFetcher>, query: string) =>
    fetcher(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });

  it('reads headers by any case, and gives every json() call its own copy', async () => {
    const response = await post(subgraphFetcher(5_000), 'query { slowBody }');
    expect(response.ok).toBe(true);
    expect(response.status).toBe(200);
    expect(response.headers.get('CACHE-CONTROL')).toBe('max-age=5, public');
    expect(response.headers.get('x-absent')).toBeNull();
    const [first, second] = [await response.json(), await response.json()];
    expect(first).toEqual({ data: { slow: true } });
    expect(first).not.toBe(second);
  });

  it('fails with a TimeoutError past its deadline, while the answer is still arriving too', async () => {
    await expect(post(subgraphFetcher(50), 'query { a }')).rejects.toMatchObject({ name: 'TimeoutError' });
    // Headers came in time; the body did not.
    await expect(post(subgraphFetcher(150), 'query { slowBody }')).rejects.toMatchObject({
      name: 'TimeoutError',
    });
  });
});
