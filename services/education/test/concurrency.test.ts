import { territoryService } from '@participa/territory';
import { startTestGraph, type TestGraph } from '@participa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { educationService } from '../src/service.ts';
import { CENTRO_STAFF, counts, person, register, scheduleWorkshop } from './helpers.ts';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph([territoryService, educationService]);
});
afterAll(() => graph?.stop());

describe('seat accounting under concurrency (real PostgreSQL, through the gateway)', () => {
  // Several rounds: a race that passes once by luck would fail one of them.
  it.each([1, 2, 3])(
    '50 simultaneous registrations for 10 seats: exactly 10 REGISTERED, 40 WAITLISTED (round %i)',
    async (round) => {
      const workshopId = await scheduleWorkshop(graph, { capacity: 10 });
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => register(graph, workshopId, person(round * 1000 + i))),
      );
      expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);
      const statuses = results.map((r) => r.data!.registerForWorkshop.status);
      expect(statuses.filter((s) => s === 'REGISTERED')).toHaveLength(10);
      expect(statuses.filter((s) => s === 'WAITLISTED')).toHaveLength(40);
      // The waitlist is in arrival order, without gaps or repeats.
      const positions = results
        .map((r) => r.data!.registerForWorkshop.waitlistPosition)
        .filter((p): p is number => p !== null)
        .sort((a, b) => a - b);
      expect(positions).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      expect(await counts(graph, workshopId)).toMatchObject({
        registeredCount: 10,
        waitlistCount: 40,
        seatsLeft: 0,
      });
    },
  );

  it('simultaneous cancellations promote exactly as many waitlisted people as seats freed', async () => {
    const workshopId = await scheduleWorkshop(graph, { capacity: 5 });
    const registrations = [];
    for (let i = 0; i < 12; i++) {
      registrations.push((await register(graph, workshopId, person(9000 + i))).data!.registerForWorkshop);
    }
    const seated = registrations.filter((r) => r.status === 'REGISTERED');
    const cancelled = await Promise.all(
      seated
        .slice(0, 4)
        .map((r) =>
          graph.request(
            'mutation ($id: ID!) { cancelRegistration(id: $id) { status } }',
            { id: r.id },
            CENTRO_STAFF,
          ),
        ),
    );
    expect(cancelled.flatMap((r) => r.errors ?? [])).toEqual([]);
    expect(await counts(graph, workshopId)).toMatchObject({
      registeredCount: 5,
      waitlistCount: 3,
      seatsLeft: 0,
    });
  });

  it('cancelling the same registration twice at once frees one seat only', async () => {
    const workshopId = await scheduleWorkshop(graph, { capacity: 1 });
    const seated = (await register(graph, workshopId, person(8000))).data!.registerForWorkshop;
    await register(graph, workshopId, person(8001));
    await register(graph, workshopId, person(8002));
    await Promise.all(
      [1, 2].map(() =>
        graph.request(
          'mutation ($id: ID!) { cancelRegistration(id: $id) { status } }',
          { id: seated.id },
          CENTRO_STAFF,
        ),
      ),
    );
    expect(await counts(graph, workshopId)).toMatchObject({ registeredCount: 1, waitlistCount: 1 });
  });

  it('the same person registering twice at once gets one registration and one CONFLICT', async () => {
    const workshopId = await scheduleWorkshop(graph, { capacity: 10 });
    const results = await Promise.all(
      Array.from({ length: 5 }, () => register(graph, workshopId, person(7777))),
    );
    expect(results.filter((r) => r.data?.registerForWorkshop)).toHaveLength(1);
    expect(results.filter((r) => r.errors?.[0]?.extensions?.code === 'CONFLICT')).toHaveLength(4);
    expect((await counts(graph, workshopId)).registeredCount).toBe(1);
  });
});
