import { createServer, type Server } from 'node:http';
import { educationService } from '@participa/education';
import { type AnyServiceDefinition, startSubgraph } from '@participa/subgraph-kit';
import { territoryService } from '@participa/territory';
import { startTestGraph, TEST_SIGNING_SECRET, type TestGraph } from '@participa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * A subgraph that stops, or hangs, costs clients only the fields it serves: the rest of the
 * answer stands, the missing part carries SERVICE_UNAVAILABLE at its path, no request waits past
 * the gateway's timeout, and answers are whole again soon after the subgraph returns.
 */
const TIMEOUT_MS = 1_500;
// `workshop` is nullable, so its subgraph's outage nulls it alone (a non-null field would null its parent).
const QUERY = '{ networks { code } workshop(id: "00000000-0000-4000-8000-000000000000") { id } }';

let graph: TestGraph;
let educationPort: number;

beforeAll(async () => {
  graph = await startTestGraph([territoryService, educationService], {
    production: true,
    // The query is public reference data: a cached answer would (rightly) hide the outage tested here.
    gateway: { subgraphTimeoutMs: TIMEOUT_MS, responseCacheBytes: 0 },
  });
  educationPort = Number(new URL(graph.subgraphs[1]!.url).port);
});
afterAll(() => graph?.stop());

interface Answer {
  /** When the answer arrived, and how long it took. */
  at: number;
  ms: number;
  networks: number;
  errors: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** Ten clients asking in a loop until `until` resolves; every answer is kept. */
async function underLoad(until: Promise<unknown>): Promise<Answer[]> {
  const answers: Answer[] = [];
  let done = false;
  void until.finally(() => {
    done = true;
  });
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      while (!done) {
        const started = Date.now();
        const result = await graph.request<{ networks: unknown[] | null }>(QUERY);
        answers.push({
          at: Date.now(),
          ms: Date.now() - started,
          networks: result.data?.networks?.length ?? 0,
          errors: result.errors ?? [],
        });
      }
    }),
  );
  return answers;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a subgraph down under load', () => {
  it('answers the rest with SERVICE_UNAVAILABLE for the missing part, and recovers within 5 s of its return', async () => {
    const education = graph.subgraphs[1]!;
    let returnedAt = 0;
    const scenario = (async () => {
      await sleep(300);
      await education.stop();
      await sleep(1_500);
      const back = await startSubgraph(educationService as AnyServiceDefinition, {
        db: graph.databases.education!.db,
        port: educationPort,
        signingSecret: TEST_SIGNING_SECRET,
        production: true,
      });
      graph.subgraphs[1] = back;
      returnedAt = Date.now();
      await sleep(5_000);
    })();
    const answers = await underLoad(scenario);

    const partial = answers.filter((a) => a.errors.length > 0);
    expect(partial.length).toBeGreaterThan(0);
    for (const answer of partial) {
      // Territory still answers: the five networks are there.
      expect(answer.networks).toBe(5);
      expect(answer.errors.map((e) => e.extensions?.code)).toEqual(['SERVICE_UNAVAILABLE']);
      expect(answer.errors[0]!.path).toEqual(['workshop']);
      expect(answer.errors[0]!.message).toContain('no está disponible');
      // Nothing of the subgraph's name or address leaves in production.
      expect(JSON.stringify(answer.errors)).not.toMatch(/education|127\.0\.0\.1|ECONNREFUSED/);
    }
    const lastPartial = Math.max(...partial.map((a) => a.ms));
    expect(lastPartial).toBeLessThan(TIMEOUT_MS + 1_000);
    // Whole again within 5 s of the subgraph's return, by itself, and whole from then on.
    expect(returnedAt).toBeGreaterThan(0);
    const firstWhole = answers.find((a) => a.at >= returnedAt && a.errors.length === 0);
    expect(firstWhole).toBeDefined();
    expect(firstWhole!.at - returnedAt).toBeLessThan(5_000);
    expect(answers.filter((a) => a.at > firstWhole!.at && a.errors.length > 0)).toEqual([]);
  });

  it('a subgraph that hangs is cut off at the timeout, not waited for', async () => {
    const education = graph.subgraphs[1]!;
    await education.stop();
    // Something listens on the subgraph's port and never answers.
    const hanging: Server = createServer(() => {});
    await new Promise<void>((resolve) => hanging.listen(educationPort, '127.0.0.1', resolve));
    try {
      const started = Date.now();
      const results = await Promise.all(Array.from({ length: 5 }, () => graph.request(QUERY)));
      const elapsed = Date.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 100);
      expect(elapsed).toBeLessThan(TIMEOUT_MS + 2_000);
      for (const result of results) {
        expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['SERVICE_UNAVAILABLE']);
        expect(result.errors?.[0]?.message).toContain('no respondió a tiempo');
        expect(result.errors?.[0]?.path).toEqual(['workshop']);
        expect((result.data as { networks: unknown[] }).networks).toHaveLength(5);
      }
    } finally {
      hanging.closeAllConnections();
      await new Promise<void>((resolve) => hanging.close(() => resolve()));
      graph.subgraphs[1] = await startSubgraph(educationService as AnyServiceDefinition, {
        db: graph.databases.education!.db,
        port: educationPort,
        signingSecret: TEST_SIGNING_SECRET,
        production: true,
      });
    }
  });
});
