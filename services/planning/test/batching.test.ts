import { territoryService } from '@participa/territory';
import { startTestGraph, type TestGraph } from '@participa/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { planningService } from '../src/service.ts';
import { activityInput, addActivity, C08, C09, CENTRO_STAFF, createPlan, freshYear } from './helpers.ts';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph([territoryService, planningService]);
});
afterAll(() => graph?.stop());

async function createOrganization(name: string) {
  const data = await graph.data<{ createOrganization: { id: string } }>(
    'mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }',
    { input: { networkCode: 'CENTRO', name, kind: 'ASOCIACION_USUARIOS' } },
    CENTRO_STAFF,
  );
  return data.createOrganization.id;
}

async function planWithActivities(count: number, organizationIds: string[]) {
  const year = freshYear();
  const planId = await createPlan(graph, 'CENTRO', year);
  for (let i = 0; i < count; i++) {
    await addActivity(
      graph,
      activityInput(planId, year, {
        title: `Actividad ${i + 1}`,
        axisCodes: i % 2 ? ['EJE2', 'EJE3'] : ['EJE4'],
        territoryIds: i % 2 ? [C08, C09] : [C09],
        responsibleOrganizationIds: [organizationIds[i % organizationIds.length]],
      }),
    );
  }
  return year;
}

const QUERY = `query ($year: Int) {
  network(code: "CENTRO") {
    name
    actionPlans(year: $year) {
      title progress budgetPlanned budgetExecuted
      activities {
        title progress status
        axes { code name }
        territories { code name }
        responsibleOrganizations { name kind }
      }
    }
  }
}`;

type Result = {
  network: {
    actionPlans: {
      activities: { territories: { code: string }[]; responsibleOrganizations: { name: string }[] }[];
    }[];
  };
};

async function measure(year: number) {
  graph.resetCounters();
  const data = await graph.data<Result>(QUERY, { year }, CENTRO_STAFF);
  return { data, queries: { ...graph.queryCount } };
}

it('resolves a plan with 50 activities across three subgraphs with as many SQL queries as one with 5', async () => {
  const organizations = [
    await createOrganization('Asociación de Usuarios A'),
    await createOrganization('Veeduría B'),
  ];
  const small = await planWithActivities(5, organizations);
  const large = await planWithActivities(50, organizations);

  const five = await measure(small);
  const fifty = await measure(large);

  const activities = fifty.data.network.actionPlans[0]!.activities;
  expect(activities).toHaveLength(50);
  expect(activities[1]!.territories.map((t) => t.code)).toEqual(['C08', 'C09']);
  expect(activities[1]!.responsibleOrganizations.map((o) => o.name)).toEqual(['Veeduría B']);
  expect(five.data.network.actionPlans[0]!.activities).toHaveLength(5);

  // The query count does not grow with the number of activities…
  expect(fifty.queries).toEqual(five.queries);
  // …and stays small: plans, activities, axes, budget totals; networks, territories, organizations.
  expect(fifty.queries.planning).toBeLessThanOrEqual(4);
  expect(fifty.queries.territory).toBeLessThanOrEqual(3);
});
