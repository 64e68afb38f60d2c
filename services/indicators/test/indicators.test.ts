import { educationService } from '@participa/education';
import { feedbackService } from '@participa/feedback';
import { currentMonth } from '@participa/metrics';
import { planningService } from '@participa/planning';
import { territoryService } from '@participa/territory';
import { errorCodes, startTestGraph, TEST_SIGNING_SECRET, type TestGraph } from '@participa/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { executeRun } from '../src/compute.ts';
import type { IndicatorsDb } from '../src/db/index.ts';
import { setRunDispatcher } from '../src/dispatch.ts';
import { gatewayMetricsSource } from '../src/metrics-source.ts';
import { indicatorsService } from '../src/service.ts';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph(
    [territoryService, planningService, educationService, feedbackService, indicatorsService],
    { demoData: true },
  );
  const db = graph.databases.indicators!.db as unknown as IndicatorsDb;
  const source = gatewayMetricsSource({ gatewayUrl: graph.gatewayUrl, signingSecret: TEST_SIGNING_SECRET });
  // The run executes in-process here; the queue and its worker are tested in worker.test.ts.
  setRunDispatcher(async (run) => {
    await executeRun(db, source, run.id);
  });
});
afterAll(async () => {
  setRunDispatcher(null);
  await graph?.stop();
});

const SECRETARIAT = { role: 'secretariat' } as const;
const SEEDED = [
  'PQRS_OPORTUNIDAD',
  'PQRS_OPORTUNIDAD_ESTRICTA',
  'PLAN_EJECUCION',
  'PRESUPUESTO_EJECUCION',
  'TALLERES_REALIZADOS',
  'PARTICIPANTES_FORMADOS',
  'EXPERIENCIA_USUARIO',
];

interface Run {
  id: string;
  status: string;
  period: string;
  valuesChanged: number | null;
  error: string | null;
}
interface Value {
  indicator: { code: string };
  scope: string;
  network: { id: string } | null;
  territory: { id: string } | null;
  numerator: number;
  denominator: number | null;
  value: number | null;
  status: string;
  computedAt: string;
  revisions: { value: number | null }[];
}

async function compute(period: string, indicatorCodes?: string[]): Promise<Run> {
  const { computeIndicators } = await graph.data<{ computeIndicators: Run }>(
    `mutation ($input: ComputeIndicatorsInput!) { computeIndicators(input: $input) { id status period } }`,
    { input: { period, indicatorCodes } },
    SECRETARIAT,
  );
  const { computationRun } = await graph.data<{ computationRun: Run }>(
    `query ($id: ID!) { computationRun(id: $id) { id status period valuesChanged error } }`,
    { id: computeIndicators.id },
    SECRETARIAT,
  );
  return computationRun;
}

async function values(period: string): Promise<Value[]> {
  const { indicatorValues } = await graph.data<{ indicatorValues: Value[] }>(
    `query ($filter: IndicatorValueFilter!) { indicatorValues(filter: $filter) {
      indicator { code } scope network { id } territory { id } numerator denominator value status computedAt
      revisions { value } } }`,
    { filter: { period } },
    SECRETARIAT,
  );
  return indicatorValues;
}

interface Cell {
  scope: string;
  networkCode: string | null;
  territoryCode: string | null;
  metrics: { name: string; value: number }[];
}

/** The metrics of a period as the subgraphs serve them (checked by hand in gateway/test/metrics.test.ts). */
async function metrics(period: string): Promise<Cell[]> {
  const { metricReports } = await graph.data<{ metricReports: Record<string, Cell[]>[] }>(
    `query ($p: [String!]!) { metricReports(periods: $p) {
      feedback { ...c } planning { ...c } education { ...c } } }
     fragment c on MetricCell { scope networkCode territoryCode metrics { name value } }`,
    { p: [period] },
    SECRETARIAT,
  );
  const report = metricReports[0]!;
  return [...report.feedback!, ...report.planning!, ...report.education!];
}

it('computes every seeded indicator for every scope of a period with one SQL query per domain subgraph', async () => {
  graph.resetCounters();
  const run = await compute('2026-10');
  expect(run).toMatchObject({ status: 'SUCCEEDED', period: '2026-10', error: null });
  expect(run.valuesChanged).toBeGreaterThan(0);
  expect(graph.queryCount).toMatchObject({ feedback: 1, planning: 1, education: 1 });

  const computed = await values('2026-10');
  expect(computed.length).toBe(run.valuesChanged);
  const codes = new Set(computed.map((v) => v.indicator.code));
  expect(codes).toEqual(new Set(SEEDED));

  // By hand from the metrics: ratio of the scope's own sums, × 100.
  const cells = await metrics('2026-10');
  const metric = (scope: string, networkId: string | null, territoryId: string | null, name: string) =>
    cells
      .filter(
        (c) =>
          c.scope === scope &&
          (networkId === null) === (c.networkCode === null) &&
          (territoryId === null) === (c.territoryCode === null),
      )
      .filter((c) => c.metrics.some((m) => m.name === name))
      .map((c) => ({ c, value: c.metrics.find((m) => m.name === name)!.value }));
  const district = (code: string) =>
    computed.find((v) => v.indicator.code === code && v.scope === 'DISTRICT')!;
  const [answered] = metric('DISTRICT', null, null, 'pqrs.answered');
  const [onTime] = metric('DISTRICT', null, null, 'pqrs.answered_on_time');
  const [overdue] = metric('DISTRICT', null, null, 'pqrs.overdue');
  expect(answered!.value).toBeGreaterThan(0);
  expect(district('PQRS_OPORTUNIDAD')).toMatchObject({
    numerator: onTime!.value,
    denominator: answered!.value,
    value: (100 * onTime!.value) / answered!.value,
  });
  expect(district('PQRS_OPORTUNIDAD_ESTRICTA')).toMatchObject({
    numerator: onTime!.value,
    denominator: answered!.value + overdue!.value,
    value: (100 * onTime!.value) / (answered!.value + overdue!.value),
  });

  // Every network and territory value is its own ratio; the district is the ratio of the sums.
  const networks = computed.filter((v) => v.indicator.code === 'PQRS_OPORTUNIDAD' && v.scope === 'NETWORK');
  expect(networks.length).toBeGreaterThan(1);
  expect(networks.reduce((s, v) => s + v.numerator, 0)).toBe(district('PQRS_OPORTUNIDAD').numerator);
  expect(networks.reduce((s, v) => s + v.denominator!, 0)).toBe(district('PQRS_OPORTUNIDAD').denominator);
  for (const v of computed.filter((x) => x.indicator.code.startsWith('PQRS_')))
    if (v.denominator) expect(v.value).toBeCloseTo((100 * v.numerator) / v.denominator, 10);
    else expect(v.value).toBeNull();
  // Counts are factor × numerator.
  for (const v of computed.filter((x) => x.indicator.code === 'PARTICIPANTES_FORMADOS'))
    expect(v).toMatchObject({ denominator: null, value: v.numerator });
  expect(computed.filter((v) => v.scope === 'TERRITORY').length).toBeGreaterThan(0);
});

it('compares with the target in force and the direction', async () => {
  const computed = await values('2026-10');
  for (const v of computed.filter((x) => x.indicator.code === 'PQRS_OPORTUNIDAD' && x.value !== null)) {
    // Demo targets: 95 % for 2026, at risk within 5 points.
    const expected = v.value! >= 95 ? 'ON_TRACK' : v.value! >= 90 ? 'AT_RISK' : 'OFF_TRACK';
    expect(v.status, `${v.scope} ${v.network?.id}`).toBe(expected);
  }
  // Each value that is off track raised one alert event.
  const db = graph.databases.indicators!.db;
  const [alerts] = (await db.execute(
    sql`select count(*)::int as n from indicators.alert_events where period = '2026-10'`,
  )) as unknown as { n: number }[];
  expect(alerts!.n).toBe(computed.filter((v) => v.status === 'OFF_TRACK').length);
});

it('computing the same period twice changes nothing', async () => {
  const before = await values('2026-10');
  const run = await compute('2026-10');
  expect(run).toMatchObject({ status: 'SUCCEEDED', valuesChanged: 0 });
  const after = await values('2026-10');
  expect(after).toEqual(before);
  for (const v of after) expect(v.revisions).toHaveLength(1);
});

it('shows a PQRS answered through the gateway in the current month’s value, with the revision', async () => {
  const month = currentMonth(new Date());
  await compute(month, ['PQRS_OPORTUNIDAD']);
  const district = async () =>
    (await values(month)).find((v) => v.indicator.code === 'PQRS_OPORTUNIDAD' && v.scope === 'DISTRICT');
  const before = await district();

  const CENTRO = { role: 'ese_staff', network: 'CENTRO' } as const;
  const { pqrsList } = await graph.data<{ pqrsList: { edges: { node: { id: string; status: string } }[] } }>(
    `{ pqrsList(filter: { networkCode: "CENTRO", status: RECEIVED }, first: 1) { edges { node { id status } } } }`,
    {},
    CENTRO,
  );
  const open = pqrsList.edges[0]!.node;
  await graph.data(
    `mutation ($input: AssignPqrsInput!) { assignPqrs(input: $input) { id } }`,
    { input: { pqrsId: open.id, assignee: 'Oficina SIAU' } },
    CENTRO,
  );
  await graph.data(
    `mutation ($input: RespondToPqrsInput!) { respondToPqrs(input: $input) { id } }`,
    { input: { pqrsId: open.id, response: 'Respuesta de fondo a su solicitud, con las acciones tomadas.' } },
    CENTRO,
  );
  const run = await compute(month, ['PQRS_OPORTUNIDAD']);
  expect(run.status).toBe('SUCCEEDED');
  const after = await district();
  expect(after!.denominator).toBe((before?.denominator ?? 0) + 1);
  expect(after!.revisions.length).toBe((before?.revisions.length ?? 0) + 1);
});

it('checks formulas against the catalog and keeps definitions and targets to the secretariat', async () => {
  const define = `mutation ($input: DefineIndicatorInput!) { defineIndicator(input: $input) { code numerator denominator } }`;
  const base = { code: 'PQRS_VENCIDAS', name: 'PQRS vencidas', unit: 'PQRS', direction: 'LOWER_IS_BETTER' };
  const unknown = await graph.request(
    define,
    { input: { ...base, numerator: 'pqrs.vencidas' } },
    SECRETARIAT,
  );
  expect(errorCodes(unknown)).toEqual(['BAD_USER_INPUT']);
  expect(unknown.errors![0]!.extensions!.field).toBe('numerator');
  expect(unknown.errors![0]!.message).toContain('pqrs.vencidas');
  const broken = await graph.request(
    define,
    { input: { ...base, numerator: 'pqrs.overdue', denominator: 'pqrs.received +' } },
    SECRETARIAT,
  );
  expect(errorCodes(broken)).toEqual(['BAD_USER_INPUT']);
  expect(broken.errors![0]!.extensions!.field).toBe('denominator');
  const staff = await graph.request(
    define,
    { input: { ...base, numerator: 'pqrs.overdue' } },
    {
      role: 'ese_admin',
      network: 'CENTRO',
    },
  );
  expect(errorCodes(staff)).toEqual(['FORBIDDEN']);

  const { defineIndicator } = await graph.data<{ defineIndicator: { code: string } }>(
    define,
    { input: { ...base, numerator: 'pqrs.overdue' } },
    SECRETARIAT,
  );
  expect(defineIndicator.code).toBe('PQRS_VENCIDAS');
  const { setIndicatorTarget } = await graph.data<{ setIndicatorTarget: Record<string, unknown> }>(
    `mutation ($input: SetIndicatorTargetInput!) { setIndicatorTarget(input: $input) { networkCode year baseline baselineYear target } }`,
    { input: { indicatorCode: 'PQRS_VENCIDAS', networkCode: 'NORTE', year: 2026, target: 3 } },
    SECRETARIAT,
  );
  expect(setIndicatorTarget).toEqual({
    networkCode: 'NORTE',
    year: 2026,
    baseline: null,
    baselineYear: null,
    target: 3,
  });

  const badPeriod = await graph.request(
    `mutation { computeIndicators(input: { period: "2026-13" }) { id } }`,
    {},
    SECRETARIAT,
  );
  expect(errorCodes(badPeriod)).toEqual(['BAD_USER_INPUT']);
});

it('seeds the Bogotá user-experience example and targets for Cali’s networks', async () => {
  const { indicator } = await graph.data<{
    indicator: {
      numerator: string;
      denominator: string;
      targets: {
        networkCode: string | null;
        year: number;
        baseline: number;
        baselineYear: number;
        target: number;
      }[];
    };
  }>(
    `{ indicator(code: "EXPERIENCIA_USUARIO") { numerator denominator targets { networkCode year baseline baselineYear target } } }`,
    {},
    SECRETARIAT,
  );
  expect(indicator.numerator).toBe('satisfaction.positive');
  expect(indicator.denominator).toBe('satisfaction.responses');
  expect(indicator.targets.find((t) => t.networkCode === null)).toEqual({
    networkCode: null,
    year: 2027,
    baseline: 78.1,
    baselineYear: 2023,
    target: 80.2,
  });
  expect(indicator.targets.map((t) => t.networkCode).sort()).toEqual(
    [null, 'CENTRO', 'LADERA', 'NORTE', 'ORIENTE', 'SURORIENTE'].sort(),
  );
  const { indicators } = await graph.data<{ indicators: { code: string }[] }>(
    `{ indicators { code } }`,
    {},
    SECRETARIAT,
  );
  for (const code of SEEDED) expect(indicators.map((i) => i.code)).toContain(code);
});

it('shows each network’s values on Network, batched into one query', async () => {
  const all = await values('2026-10');
  graph.resetCounters();
  const { networks } = await graph.data<{
    networks: {
      code: string;
      id: string;
      indicatorValues: { indicator: { code: string }; scope: string; value: number | null }[];
    }[];
  }>(
    `{ networks { id code indicatorValues(period: "2026-10", indicatorCode: "PQRS_OPORTUNIDAD") { indicator { code } scope value } } }`,
    {},
    SECRETARIAT,
  );
  // The values of the five networks and the indicator of the values.
  expect(graph.queryCount.indicators).toBe(2);
  expect(networks).toHaveLength(5);
  for (const network of networks) {
    const expected = all.filter(
      (v) => v.indicator.code === 'PQRS_OPORTUNIDAD' && v.scope === 'NETWORK' && v.network?.id === network.id,
    );
    expect(network.indicatorValues.map((v) => v.value)).toEqual(expected.map((v) => v.value));
  }
  expect(networks.some((n) => n.indicatorValues.length > 0)).toBe(true);
});
