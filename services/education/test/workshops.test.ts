import { territoryService } from '@participa/territory';
import { errorCodes, startTestGraph, type TestGraph } from '@participa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { educationService } from '../src/service.ts';
import {
  CENTRO_STAFF,
  daysFromNow,
  NORTE_STAFF,
  person,
  register,
  SCHEDULE,
  SECRETARIAT,
  scheduleWorkshop,
  territory,
} from './helpers.ts';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph([territoryService, educationService], { demoData: true });
});
afterAll(() => graph?.stop());

const UPCOMING = /* GraphQL */ `
  query ($filter: WorkshopFilter, $after: String) {
    workshops(filter: $filter, first: 2, after: $after) {
      totalCount
      edges { node { id title startsAt seatsLeft territory { code name } network { code } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;
type Page = {
  workshops: {
    totalCount: number;
    edges: {
      node: {
        id: string;
        seatsLeft: number;
        territory: { code: string; name: string };
        network: { code: string };
      };
    }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
};

describe('listing workshops', () => {
  it('lists upcoming workshops in a comuna with seats left, in one paginated query, venue names from territory', async () => {
    // In comuna 4 (no demo data): one past, one full, one cancelled, three open (one in a barrio of the comuna).
    const open = [
      await scheduleWorkshop(
        graph,
        { networkCode: 'NORTE', territoryId: territory('C04'), startsAt: daysFromNow(3) },
        NORTE_STAFF,
      ),
      await scheduleWorkshop(
        graph,
        { networkCode: 'NORTE', territoryId: territory('C04'), startsAt: daysFromNow(5) },
        NORTE_STAFF,
      ),
    ];
    await scheduleWorkshop(
      graph,
      { networkCode: 'NORTE', territoryId: territory('C04'), startsAt: daysFromNow(-3) },
      NORTE_STAFF,
    );
    const full = await scheduleWorkshop(
      graph,
      { networkCode: 'NORTE', territoryId: territory('C04'), startsAt: daysFromNow(4), capacity: 1 },
      NORTE_STAFF,
    );
    await register(graph, full, person(1));
    const cancelled = await scheduleWorkshop(
      graph,
      { networkCode: 'NORTE', territoryId: territory('C04'), startsAt: daysFromNow(6) },
      NORTE_STAFF,
    );
    await graph.data(
      'mutation ($id: ID!) { cancelWorkshop(id: $id, reason: "Paro") { id } }',
      { id: cancelled },
      NORTE_STAFF,
    );
    await scheduleWorkshop(
      graph,
      { networkCode: 'NORTE', territoryId: territory('C05'), startsAt: daysFromNow(2) },
      NORTE_STAFF,
    );

    const filter = { territoryId: territory('C04'), from: new Date().toISOString(), hasSeatsLeft: true };
    graph.resetCounters();
    const page1 = await graph.data<Page>(UPCOMING, { filter });
    expect(page1.workshops.totalCount).toBe(2);
    expect(page1.workshops.edges.map((e) => e.node.id)).toEqual(open);
    expect(page1.workshops.edges[0]!.node).toMatchObject({
      seatsLeft: 10,
      territory: { code: 'C04', name: 'Comuna 4' },
      network: { code: 'NORTE' },
    });
    expect(page1.workshops.pageInfo.hasNextPage).toBe(false);
    // page + totalCount + counts: batched, whatever the page size
    expect(graph.queryCount.education).toBeLessThanOrEqual(3);

    const firstOnly = await graph.data<Page>(UPCOMING.replace('first: 2', 'first: 1'), { filter });
    expect(firstOnly.workshops.pageInfo.hasNextPage).toBe(true);
    const page2 = await graph.data<Page>(UPCOMING.replace('first: 2', 'first: 1'), {
      filter,
      after: firstOnly.workshops.pageInfo.endCursor,
    });
    expect(page2.workshops.edges.map((e) => e.node.id)).toEqual([open[1]]);
  });

  it('a malformed filter id is BAD_USER_INPUT naming the filter field', async () => {
    const result = await graph.request(UPCOMING, { filter: { territoryId: 'C04' } });
    expect(result.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'filter.territoryId',
    });
  });

  it('batches counts: one SQL query per kind of data for a page of 20 workshops', async () => {
    graph.resetCounters();
    const data = await graph.data<{ workshops: { edges: { node: { registeredCount: number } }[] } }>(
      '{ workshops(first: 20) { edges { node { registeredCount waitlistCount attendedCount seatsLeft scheduleChanges { reason } materials { title } evaluationSummary { count } } } } }',
    );
    expect(data.workshops.edges.length).toBeGreaterThan(5);
    // page, counts, schedule changes, materials, evaluations
    expect(graph.queryCount.education).toBe(5);
  });

  it('Network.workshops and Territory.workshops through federation', async () => {
    const data = await graph.data<{
      network: { workshops: { totalCount: number } };
      territory: { workshops: { edges: { node: { title: string } }[] } };
    }>(
      `query ($t: ID!) {
        network(code: "CENTRO") { workshops(filter: { status: HELD }) { totalCount } }
        territory(id: $t) { workshops { edges { node { title } } } }
      }`,
      { t: territory('C11') },
    );
    expect(data.network.workshops.totalCount).toBe(3);
    expect(data.territory.workshops.edges.map((e) => e.node.title)).toEqual([
      'Jornada comunitaria de salud Comuna 11',
    ]);
  });

  it('nested workshop lists of many networks cost one page query and one count, each list right', async () => {
    const NESTED = `{ networks { code workshops(first: 2) { totalCount edges { node { id registeredCount } } } } }`;
    graph.resetCounters();
    const nested = await graph.data<{
      networks: { code: string; workshops: { totalCount: number; edges: { node: { id: string } }[] } }[];
    }>(NESTED);
    // pages (one window query), counts of the pages, seat counts
    expect(graph.queryCount.education).toBe(3);
    for (const network of nested.networks) {
      const alone = await graph.data<Page>(UPCOMING, { filter: { networkCode: network.code } });
      expect(network.workshops.totalCount).toBe(alone.workshops.totalCount);
      expect(network.workshops.edges.map((e) => e.node.id)).toEqual(
        alone.workshops.edges.map((e) => e.node.id),
      );
    }
  });

  it('a comuna and one of its barrios in the same request each get their own list', async () => {
    const inBarrio = await scheduleWorkshop(graph, {
      territoryId: territory('C09-01'),
      title: 'Taller en Alameda',
    });
    const data = await graph.data<Record<string, { workshops: { edges: { node: { id: string } }[] } }>>(
      `query ($c: ID!, $b: ID!) {
        comuna: territory(id: $c) { workshops(first: 50) { edges { node { id } } } }
        barrio: territory(id: $b) { workshops(first: 50) { edges { node { id } } } }
      }`,
      { c: territory('C09'), b: territory('C09-01') },
    );
    expect(data.barrio!.workshops.edges.map((e) => e.node.id)).toEqual([inBarrio]);
    expect(data.comuna!.workshops.edges.map((e) => e.node.id)).toContain(inBarrio);
    expect(data.comuna!.workshops.edges.length).toBeGreaterThan(1);
  });

  it('venue is a Facility of the territory subgraph; activity an Activity reference', async () => {
    const { network } = await graph.data<{ network: { facilities: { id: string; name: string }[] } }>(
      '{ network(code: "CENTRO") { facilities { id name } } }',
    );
    const venue = network.facilities.find((f) => f.name === 'Centro de Salud Obrero')!;
    const activityId = '4b0c9a5e-2f6d-4a7e-9c1b-8d3e5f7a9b10';
    const id = await scheduleWorkshop(graph, { venueId: venue.id, activityId });
    const data = await graph.data<{ workshop: unknown }>(
      'query ($id: ID!) { workshop(id: $id) { venue { name territory { code } } activity { id } } }',
      { id },
    );
    expect(data.workshop).toEqual({
      venue: { name: 'Centro de Salud Obrero', territory: { code: 'C09' } },
      activity: { id: activityId },
    });
    const byActivity = await graph.data<{ workshops: { edges: { node: { id: string } }[] } }>(
      'query ($a: ID!) { workshops(filter: { activityId: $a }) { edges { node { id } } } }',
      { a: activityId },
    );
    expect(byActivity.workshops.edges.map((e) => e.node.id)).toEqual([id]);
  });
});

describe('scheduling', () => {
  it('only the network’s staff schedule (not the secretariat); bad input names the field and writes nothing', async () => {
    const input = {
      networkCode: 'CENTRO',
      title: 'Charla',
      topic: 'HEALTH_RIGHTS',
      modality: 'VIRTUAL',
      virtualUrl: 'https://meet.example.org/x',
      startsAt: daysFromNow(2).toISOString(),
      endsAt: daysFromNow(2.1).toISOString(),
      capacity: 10,
    };
    const total = async () =>
      (await graph.data<{ workshops: { totalCount: number } }>('{ workshops { totalCount } }')).workshops
        .totalCount;
    const before = await total();
    expect(errorCodes(await graph.request(SCHEDULE, { input }, NORTE_STAFF))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await graph.request(SCHEDULE, { input }, SECRETARIAT))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await graph.request(SCHEDULE, { input }))).toEqual(['UNAUTHENTICATED']);
    const noLink = await graph.request(SCHEDULE, { input: { ...input, virtualUrl: null } }, CENTRO_STAFF);
    expect(noLink.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'virtualUrl' });
    const backwards = await graph.request(
      SCHEDULE,
      { input: { ...input, endsAt: daysFromNow(1).toISOString() } },
      CENTRO_STAFF,
    );
    expect(backwards.errors![0]!.message).toMatch(/^Campo "endsAt"/);
    expect(await total()).toBe(before);
    const ok = await graph.data<{ scheduleWorkshop: { status: string } }>(
      SCHEDULE,
      { input: { ...input, title: 'Charla de la red' } },
      CENTRO_STAFF,
    );
    expect(ok.scheduleWorkshop.status).toBe('SCHEDULED');
  });

  it('rescheduling keeps the history of dates', async () => {
    const start = daysFromNow(8);
    const id = await scheduleWorkshop(graph, { startsAt: start });
    const moved = daysFromNow(15);
    const data = await graph.data<{ rescheduleWorkshop: { startsAt: string; scheduleChanges: unknown[] } }>(
      `mutation ($input: RescheduleWorkshopInput!) {
        rescheduleWorkshop(input: $input) { startsAt scheduleChanges { previousStartsAt startsAt reason } }
      }`,
      {
        input: {
          id,
          startsAt: moved.toISOString(),
          endsAt: new Date(moved.getTime() + 3_600_000).toISOString(),
          reason: 'Coincide con la jornada de vacunación',
        },
      },
      CENTRO_STAFF,
    );
    expect(new Date(data.rescheduleWorkshop.startsAt).getTime()).toBe(moved.getTime());
    expect(data.rescheduleWorkshop.scheduleChanges).toEqual([
      {
        previousStartsAt: start.toISOString(),
        startsAt: moved.toISOString(),
        reason: 'Coincide con la jornada de vacunación',
      },
    ]);
  });

  it('a community day records its services and people served', async () => {
    const id = await scheduleWorkshop(graph, { topic: 'COMMUNITY_DAY', title: 'Jornada de salud El Rodeo' });
    const data = await graph.data<{ recordCommunityDayServices: unknown }>(
      `mutation ($input: RecordCommunityDayServicesInput!) {
        recordCommunityDayServices(input: $input) { kind status servicesOffered peopleServed }
      }`,
      { input: { workshopId: id, servicesOffered: ['VACCINATION', 'VITAL_SIGNS'], peopleServed: 87 } },
      CENTRO_STAFF,
    );
    expect(data.recordCommunityDayServices).toEqual({
      kind: 'COMMUNITY_DAY',
      status: 'HELD',
      servicesOffered: ['VACCINATION', 'VITAL_SIGNS'],
      peopleServed: 87,
    });
  });

  it('materials are linked to the workshops that used them; evaluations are summarized', async () => {
    const { createMaterial } = await graph.data<{ createMaterial: { id: string } }>(
      `mutation { createMaterial(input: { networkCode: "CENTRO", title: "Guía de PQRS", kind: GUIDE,
        topic: PARTICIPATION_MECHANISMS, accessibleFormats: [EASY_READ] }) { id } }`,
      {},
      CENTRO_STAFF,
    );
    const id = await scheduleWorkshop(graph, { materialIds: [createMaterial.id] });
    const reg = (await register(graph, id, person(500))).data!.registerForWorkshop;
    await graph.data(
      'mutation ($input: RecordAttendanceInput!) { recordAttendance(input: $input) { id } }',
      { input: { workshopId: id, registrationIds: [reg.id] } },
      CENTRO_STAFF,
    );
    const EVALUATE =
      'mutation ($input: RecordEvaluationInput!) { recordEvaluation(input: $input) { satisfaction } }';
    await graph.data(
      EVALUATE,
      {
        input: {
          workshopId: id,
          registrationId: reg.id,
          satisfaction: 5,
          preTestScore: 40,
          postTestScore: 80,
        },
      },
      CENTRO_STAFF,
    );
    await graph.data(EVALUATE, { input: { workshopId: id, satisfaction: 2 } }, CENTRO_STAFF);
    const again = await graph.request(
      EVALUATE,
      { input: { workshopId: id, registrationId: reg.id, satisfaction: 4 } },
      CENTRO_STAFF,
    );
    expect(errorCodes(again)).toEqual(['CONFLICT']);
    const outOfRange = await graph.request(
      EVALUATE,
      { input: { workshopId: id, satisfaction: 6 } },
      CENTRO_STAFF,
    );
    expect(outOfRange.errors![0]!.extensions!.field).toBe('satisfaction');
    const data = await graph.data<{ workshop: unknown }>(
      `query ($id: ID!) { workshop(id: $id) {
        materials { title workshops { id } }
        evaluationSummary { count averageSatisfaction positivePercent averagePreTestScore averagePostTestScore }
      } }`,
      { id },
    );
    expect(data.workshop).toEqual({
      materials: [{ title: 'Guía de PQRS', workshops: [{ id }] }],
      evaluationSummary: {
        count: 2,
        averageSatisfaction: 3.5,
        positivePercent: 50,
        averagePreTestScore: 40,
        averagePostTestScore: 80,
      },
    });
  });
});
