import { composeSupergraph } from '@participa/gateway-kit';
import type { AnyServiceDefinition } from '@participa/subgraph-kit';
import { territoryService } from '@participa/territory';
import { startTestGraph, type TestGraph } from '@participa/testing';
import { gql } from 'graphql-tag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/seed/demo.ts';
import { educationService } from '../src/service.ts';
import { CENTRO_STAFF, scheduleWorkshop } from './helpers.ts';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph([territoryService, educationService], { demoData: true });
});
afterAll(() => graph?.stop());

type Node = {
  title: string;
  status: string;
  registeredCount: number;
  waitlistCount: number;
  attendedCount: number;
};
async function allWorkshops() {
  const data = await graph.data<{ workshops: { totalCount: number; edges: { node: Node }[] } }>(
    '{ workshops(first: 100) { totalCount edges { node { title status registeredCount waitlistCount attendedCount } } } }',
  );
  return data.workshops;
}

describe('demo data', () => {
  it('carries out the Centro 2023 plan: held workshops with attendance, upcoming ones with a waitlist', async () => {
    const { edges } = await allWorkshops();
    const byTitle = new Map(edges.map((e) => [e.node.title, e.node]));
    expect(byTitle.get('Taller de derechos y deberes en salud')).toMatchObject({
      status: 'HELD',
      attendedCount: 14,
    });
    expect(byTitle.get('Presupuestación participativa y control social en salud')).toMatchObject({
      status: 'HELD',
    });
    expect(byTitle.get('Jornada comunitaria de salud Comuna 11')).toMatchObject({ status: 'HELD' });
    expect(byTitle.get('Habilidades digitales: citas, resultados y portal del usuario')).toMatchObject({
      status: 'SCHEDULED',
      registeredCount: 8,
      waitlistCount: 3,
    });
  });

  it('is idempotent: a second run adds nothing', async () => {
    const before = await allWorkshops();
    await seedDemo(graph.databases.education!.db as never);
    const after = await allWorkshops();
    expect(after.totalCount).toBe(before.totalCount);
    expect(after.edges).toEqual(before.edges);
  });
});

describe('Activity (planning) references', () => {
  it('Workshop.activity and Activity.workshops resolve without planning', async () => {
    const activityId = '0f1e2d3c-4b5a-4697-8877-665544332211';
    const a = await scheduleWorkshop(graph, { activityId });
    const b = await scheduleWorkshop(graph, { activityId }, CENTRO_STAFF);
    const data = await graph.data<{ workshop: { activity: { id: string; workshops: { id: string }[] } } }>(
      'query ($id: ID!) { workshop(id: $id) { activity { id workshops { id } } } }',
      { id: a },
    );
    expect(data.workshop.activity.id).toBe(activityId);
    expect(data.workshop.activity.workshops.map((w) => w.id).sort()).toEqual([a, b].sort());
  });

  it('composes with a planning subgraph that owns Activity: education contributes Activity.workshops', () => {
    const planning = {
      name: 'planning',
      typeDefs: gql`
        type Query {
          activity(id: ID!): Activity
        }
        type Activity @key(fields: "id") {
          id: ID!
          title: String!
        }
      `,
    } as AnyServiceDefinition;
    const sdl = composeSupergraph([
      { definition: territoryService, url: 'http://territory/graphql' },
      { definition: educationService, url: 'http://education/graphql' },
      { definition: planning, url: 'http://planning/graphql' },
    ]);
    const activity = sdl.slice(sdl.indexOf('type Activity'), sdl.indexOf('}', sdl.indexOf('type Activity')));
    expect(activity).toContain('join__type(graph: EDUCATION, key: "id")');
    expect(activity).toContain('join__type(graph: PLANNING, key: "id")');
    expect(activity).toMatch(/workshops: \[Workshop!\]! @join__field\(graph: EDUCATION\)/);
    expect(activity).toMatch(/title: String! @join__field\(graph: PLANNING\)/);
  });
});
