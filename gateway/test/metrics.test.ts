import { IDENTITY_HEADER, type Identity, signIdentityHeader } from '@participa/auth';
import { educationService } from '@participa/education';
import { feedbackService } from '@participa/feedback';
import { METRIC_CATALOG, metricsOf, parsePeriod, SUBGRAPHS_WITH_METRICS } from '@participa/metrics';
import { planningService } from '@participa/planning';
import { networkById, REFERENCE_TERRITORIES, territoryByCode, territoryById } from '@participa/reference';
import { territoryService } from '@participa/territory';
import { errorCodes, startTestGraph, TEST_SIGNING_SECRET, type TestGraph } from '@participa/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';

/**
 * The metrics of every subgraph, fetched through the gateway in one query, against the same
 * metrics counted by hand in JavaScript from the raw rows of the demo data.
 */
let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph([territoryService, planningService, educationService, feedbackService], {
    demoData: true,
  });
});
afterAll(() => graph?.stop());

const SECRETARIAT = { role: 'secretariat' } as const;
// Years of the demo plans, workshops and commitments, a quarter, a past month and the current one.
const PERIODS = ['2023', '2025', '2026Q1', '2026-10', currentMonthCode(), '2023Q4', '2025-03'];

function currentMonthCode(): string {
  const local = new Date(Date.now() - 5 * 3_600_000);
  return `${local.getUTCFullYear()}-${String(local.getUTCMonth() + 1).padStart(2, '0')}`;
}

const REPORT = `query ($periods: [String!]!) {
  metricReports(periods: $periods) {
    period
    feedback(breakdowns: true) { ...cell }
    planning(breakdowns: true) { ...cell }
    education(breakdowns: true) { ...cell }
    territory(breakdowns: true) { ...cell }
  }
}
fragment cell on MetricCell { scope networkCode territoryCode dimension category metrics { name value } }`;

interface Cell {
  scope: string;
  networkCode: string | null;
  territoryCode: string | null;
  dimension: string | null;
  category: string | null;
  metrics: { name: string; value: number }[];
}
type Report = { period: string } & Record<(typeof SUBGRAPHS_WITH_METRICS)[number], Cell[]>;

/** `period|scope|network|territory|dimension|category|metric` → value, zeros left out. */
type Tally = Map<string, number>;

function flatten(reports: Report[]): Tally {
  const tally: Tally = new Map();
  for (const report of reports)
    for (const subgraph of SUBGRAPHS_WITH_METRICS)
      for (const cell of report[subgraph])
        for (const { name, value } of cell.metrics)
          if (value !== 0)
            tally.set(
              [
                report.period,
                cell.scope,
                cell.networkCode,
                cell.territoryCode,
                cell.dimension,
                cell.category,
                name,
              ].join('|'),
              value,
            );
  return tally;
}

const topTerritoryCode = (id: string | null): string | null => {
  const territory = id ? territoryById(id) : undefined;
  if (!territory) return null;
  return territory.parentCode ?? territory.code;
};

/**
 * Counts one record (or adds an amount, or a person to a distinct set) at every scope it belongs
 * to: the district, its network, its comunas, and each breakdown at each of those.
 */
class HandCount {
  readonly sums: Tally = new Map();
  readonly people = new Map<string, Set<string>>();

  add(
    period: string,
    metric: string,
    at: {
      network: string | null | string[];
      territories: (string | null)[];
      breakdowns?: [string, string][];
    },
    amount: number | { person: string } = 1,
  ) {
    // A commitment act may bind several networks: once in the district, once in each of them.
    const networks = [at.network]
      .flat()
      .filter((n): n is string => n !== null)
      .map((n) => networkById(n)!.code);
    const scopes: [string, string | null, string | null][] = [['DISTRICT', null, null]];
    for (const network of networks) {
      scopes.push(['NETWORK', network, null]);
      const comunas = new Set(at.territories.map(topTerritoryCode).filter((c): c is string => c !== null));
      for (const comuna of comunas) scopes.push(['TERRITORY', network, comuna]);
    }
    const variants: [string | null, string | null][] = [[null, null], ...(at.breakdowns ?? [])];
    for (const [scope, net, territory] of scopes)
      for (const [dimension, category] of variants) {
        const key = [period, scope, net, territory, dimension, category, metric].join('|');
        if (typeof amount === 'number') this.sums.set(key, (this.sums.get(key) ?? 0) + amount);
        else {
          if (!this.people.has(key)) this.people.set(key, new Set());
          this.people.get(key)!.add(amount.person);
        }
      }
  }

  result(): Tally {
    const all = new Map(this.sums);
    for (const [key, set] of this.people) all.set(key, set.size);
    for (const [key, value] of all) if (value === 0) all.delete(key);
    return all;
  }
}

// biome-ignore lint/suspicious/noExplicitAny: raw rows of the ad-hoc queries below
type Row = Record<string, any>;
const rows = async (service: string, query: string) =>
  (await graph.databases[service]!.db.execute(sql.raw(query))) as unknown as Row[];
const instant = (value: string | null) => (value ? new Date(value) : null);
const within = (at: Date | null, p: { starts: Date; ends: Date }) => !!at && at >= p.starts && at < p.ends;
const category = (value: unknown) => (value === null ? 'SIN_DATO' : String(value));
/** A `date` column as the instant its day begins in Bogotá. */
const dayStart = (day: string) => new Date(`${day}T00:00:00-05:00`);

async function countByHand(now: Date): Promise<Tally> {
  const hand = new HandCount();
  const pqrs = await rows(
    'feedback',
    'select network_id, territory_id, type::text, status::text, received_at, answered_at, answered_on_time, due_at, closed_at, rating_score, rated_at from feedback.pqrs',
  );
  const workshops = await rows(
    'education',
    'select id, network_id, territory_id, status::text, starts_at from education.workshops',
  );
  const attendances = await rows(
    'education',
    'select r.id, r.document_number, r.life_stage::text, r.sex::text, r.ethnicity::text, r.disability, r.attended_at, w.network_id, w.territory_id from education.registrations r join education.workshops w on w.id = r.workshop_id where r.attended_at is not null',
  );
  const activities = await rows(
    'planning',
    `select a.id, p.network_id, a.territory_ids::text[] as territory_ids, a.status::text, a.end_date::text,
       (select coalesce(sum(planned_amount), 0)::int from planning.budget_items b where b.activity_id = a.id) as planned
     from planning.activities a join planning.action_plans p on p.id = a.plan_id`,
  );
  const executions = await rows(
    'planning',
    'select b.activity_id, e.amount, e.date::text from planning.budget_executions e join planning.budget_items b on b.id = e.budget_item_id',
  );
  const commitments = await rows(
    'planning',
    'select c.id, c.status::text, c.due_date::text, a.network_ids::text[] as network_ids from planning.commitments c join planning.commitment_acts a on a.id = c.act_id',
  );
  const organizations = await rows(
    'territory',
    `select o.id, o.network_id, o.created_at,
       coalesce(array_agg(t.territory_id::text) filter (where t.territory_id is not null), '{}') as territory_ids
     from territory.organizations o left join territory.organization_territories t on t.organization_id = o.id group by o.id`,
  );

  for (const code of PERIODS) {
    const period = parsePeriod(code)!;
    const cutoff = period.ends < now ? period.ends : now;
    for (const p of pqrs) {
      const at = {
        network: p.network_id,
        territories: [p.territory_id],
        breakdowns: [['PQRS_TYPE', p.type]] as [string, string][],
      };
      const answeredAt = instant(p.answered_at);
      const closedAt = instant(p.closed_at);
      if (within(instant(p.received_at), period)) hand.add(code, 'pqrs.received', at);
      if (within(answeredAt, period)) {
        hand.add(code, 'pqrs.answered', at);
        if (p.answered_on_time) hand.add(code, 'pqrs.answered_on_time', at);
      }
      const openAtCutoff =
        instant(p.received_at)! < cutoff &&
        (!answeredAt || answeredAt >= cutoff) &&
        (!closedAt || closedAt >= cutoff) &&
        p.status !== 'TRANSFERRED';
      if (openAtCutoff && p.due_at && instant(p.due_at)! < cutoff) hand.add(code, 'pqrs.overdue', at);
      if (within(instant(p.rated_at), period) && p.rating_score !== null) {
        hand.add(code, 'satisfaction.responses', at);
        if (p.rating_score >= 4) hand.add(code, 'satisfaction.positive', at);
      }
    }
    for (const w of workshops)
      if (w.status === 'HELD' && within(instant(w.starts_at), period))
        hand.add(code, 'workshops.held', { network: w.network_id, territories: [w.territory_id] });
    for (const r of attendances) {
      if (!within(instant(r.attended_at), period)) continue;
      const at = {
        network: r.network_id,
        territories: [r.territory_id],
        breakdowns: [
          ['LIFE_STAGE', category(r.life_stage)],
          ['SEX', category(r.sex)],
          ['ETHNICITY', category(r.ethnicity)],
          ['DISABILITY', category(r.disability)],
        ] as [string, string][],
      };
      hand.add(code, 'workshops.attendances', at);
      hand.add(code, 'workshops.participants', at, { person: r.document_number ?? r.id });
    }
    for (const a of activities) {
      if (a.status === 'CANCELLED' || !within(dayStart(a.end_date), period)) continue;
      const at = { network: a.network_id, territories: a.territory_ids as string[] };
      hand.add(code, 'plan.activities.total', at);
      if (a.status === 'DONE') hand.add(code, 'plan.activities.completed', at);
      hand.add(code, 'plan.budget.planned', at, a.planned);
      const executed = executions
        .filter((e) => e.activity_id === a.id && dayStart(e.date) < cutoff)
        .reduce((sum, e) => sum + Number(e.amount), 0);
      hand.add(code, 'plan.budget.executed', at, executed);
    }
    for (const c of commitments) {
      if (c.status === 'CANCELLED' || !within(dayStart(c.due_date), period)) continue;
      const at = { network: c.network_ids as string[], territories: [] };
      hand.add(code, 'commitments.due', at);
      if (c.status === 'FULFILLED') hand.add(code, 'commitments.fulfilled', at);
    }
    for (const o of organizations)
      if (instant(o.created_at)! < cutoff)
        hand.add(code, 'organizations.active', {
          network: o.network_id,
          territories: o.territory_ids as string[],
        });
  }
  return hand.result();
}

it('serves every metric of every scope and breakdown, equal to a count by hand, with one SQL query per subgraph', async () => {
  graph.resetCounters();
  const { metricReports } = await graph.data<{ metricReports: Report[] }>(
    REPORT,
    { periods: PERIODS },
    SECRETARIAT,
  );
  expect(graph.queryCount).toEqual({ territory: 1, planning: 1, education: 1, feedback: 1 });

  const served = flatten(metricReports);
  const byHand = await countByHand(new Date());
  expect(Object.fromEntries([...served].sort())).toEqual(Object.fromEntries([...byHand].sort()));
  // The demo data exercises every metric, every scope and every breakdown (so the equality means something).
  const keys = [...served.keys()];
  for (const metric of METRIC_CATALOG) expect(keys.some((k) => k.endsWith(`|${metric.name}`))).toBe(true);
  for (const scope of ['DISTRICT', 'NETWORK', 'TERRITORY'])
    expect(keys.some((k) => k.includes(`|${scope}|`))).toBe(true);
  for (const dimension of ['LIFE_STAGE', 'SEX', 'ETHNICITY', 'DISABILITY', 'PQRS_TYPE'])
    expect(keys.some((k) => k.includes(`|${dimension}|`))).toBe(true);
});

it('counts distinct participants at each scope: the district is not the sum of its networks', async () => {
  // One demo attendee also attends another workshop held the same year.
  await graph.databases.education!.db.execute(sql`
    insert into education.registrations (workshop_id, status, document_number, sex, attended_at, attendance_method)
    select other.id, 'REGISTERED', r.document_number, r.sex, other.starts_at, 'LIST'
    from education.registrations r
    join education.workshops w on w.id = r.workshop_id
    join education.workshops other on other.id <> w.id and other.status = 'HELD'
    where r.attended_at >= '2025-01-01' and r.document_number is not null
    limit 1`);
  const { metricReports } = await graph.data<{ metricReports: Report[] }>(
    `{ metricReports(periods: ["2025"]) { period education { scope networkCode territoryCode metrics { name value } } } }`,
    {},
    SECRETARIAT,
  );
  const participants = (cell: Cell) => cell.metrics.find((m) => m.name === 'workshops.participants')!.value;
  const attendances = (cell: Cell) => cell.metrics.find((m) => m.name === 'workshops.attendances')!.value;
  const cells = metricReports[0]!.education;
  const district = cells.find((c) => c.scope === 'DISTRICT')!;
  const networks = cells.filter((c) => c.scope === 'NETWORK');
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  // Attendances add up across scopes; the person who came twice is one participant.
  expect(attendances(district)).toBe(sum(networks.map(attendances)));
  expect(participants(district)).toBe(attendances(district) - 1);
  expect(sum(networks.map(participants))).toBe(sum(networks.map(attendances)) - 1);
});

it('lists each metric once, computed by the subgraph the catalog names', async () => {
  const { metricCatalog } = await graph.data<{
    metricCatalog: { name: string; subgraph: string; unit: string }[];
  }>('{ metricCatalog { name description unit subgraph dimensions } }', {}, SECRETARIAT);
  expect(metricCatalog.map((m) => m.name)).toEqual(METRIC_CATALOG.map((m) => m.name));
  const { metricReports } = await graph.data<{ metricReports: Report[] }>(
    REPORT,
    { periods: PERIODS },
    SECRETARIAT,
  );
  for (const subgraph of SUBGRAPHS_WITH_METRICS) {
    const cells = metricReports.flatMap((report) => report[subgraph]);
    expect(cells.length).toBeGreaterThan(0);
    for (const cell of cells)
      expect(cell.metrics.map((m) => m.name)).toEqual(metricsOf(subgraph).map((m) => m.name));
  }
});

it('keeps a territory in the network its records were made in', async () => {
  const { metricReports } = await graph.data<{ metricReports: Report[] }>(
    `{ metricReports(periods: ["2025"]) { period feedback { scope networkCode territoryCode } } }`,
    {},
    SECRETARIAT,
  );
  const territories = metricReports[0]!.feedback.filter((c) => c.scope === 'TERRITORY');
  expect(territories.length).toBeGreaterThan(0);
  for (const cell of territories) {
    expect(REFERENCE_TERRITORIES.some((t) => t.code === cell.territoryCode && t.parentCode === null)).toBe(
      true,
    );
    expect(cell.networkCode).toBe(territoryByCode(cell.territoryCode!)!.networkCode);
  }
});

it('refuses bad periods and anonymous callers', async () => {
  const bad = await graph.request(REPORT, { periods: ['2025-13'] }, SECRETARIAT);
  expect(errorCodes(bad).length).toBeGreaterThan(0);
  expect(new Set(errorCodes(bad))).toEqual(new Set(['BAD_USER_INPUT']));
  expect(bad.errors![0]!.message).toContain('2025-13');
  const anonymous = await graph.request(REPORT, { periods: ['2025'] });
  expect(errorCodes(anonymous)).toContain('UNAUTHENTICATED');
  const citizen = await graph.request(REPORT, { periods: ['2025'] }, { role: 'citizen' });
  expect(errorCodes(citizen)).toContain('FORBIDDEN');
});

it('lets workers in with a signed system identity header, and only them', async () => {
  const asService = async (identity: Identity, secret = TEST_SIGNING_SECRET) => {
    const response = await fetch(graph.gatewayUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [IDENTITY_HEADER]: await signIdentityHeader(identity, secret),
      },
      body: JSON.stringify({ query: '{ metricReports(periods: ["2025"]) { period feedback { scope } } }' }),
    });
    return (await response.json()) as {
      data?: { metricReports: unknown[] };
      errors?: { extensions: { code: string } }[];
    };
  };
  const worker: Identity = {
    sub: 'system:indicators',
    name: 'Cálculo de indicadores',
    roles: ['system'],
    network: null,
  };
  expect((await asService(worker)).data?.metricReports).toHaveLength(1);
  const forged = await asService(worker, 'not-the-gateway-secret');
  expect(forged.errors?.map((e) => e.extensions.code)).toEqual(['UNAUTHENTICATED']);
  const person = await asService({ ...worker, roles: ['secretariat'] });
  expect(person.errors?.map((e) => e.extensions.code)).toEqual(['UNAUTHENTICATED']);
});
