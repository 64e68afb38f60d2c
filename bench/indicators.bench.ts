/**
 * Every indicator for 24 months × 5 networks × 37 territories over a generated million PQRS and
 * 200,000 attendances: the whole computation (metrics through the gateway, formulas, targets,
 * upsert) next to the bare SQL aggregations of the subgraphs alone, month by month as the
 * scheduled runs do. `npm run bench:indicators` writes bench/results/indicators.json;
 * `npm run bench indicators` runs it with the other benchmarks.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type MetricQuery, monthsFrom, parsePeriod } from '@participa/metrics';
import { networkByCode, REFERENCE_TERRITORIES } from '@participa/reference';
import { startTestGraph, TEST_SIGNING_SECRET } from '@participa/testing';
import { sql } from 'drizzle-orm';
import { SERVICES } from '../gateway/src/catalog.ts';
import { computeEducationMetrics } from '../services/education/src/metrics.ts';
import { computeFeedbackMetrics } from '../services/feedback/src/metrics.ts';
import { computePeriod } from '../services/indicators/src/compute.ts';
import { gatewayMetricsSource } from '../services/indicators/src/metrics-source.ts';
import { computePlanningMetrics } from '../services/planning/src/metrics.ts';
import { computeTerritoryMetrics } from '../services/territory/src/metrics.ts';

const PQRS = 1_000_000;
const ATTENDANCES = 200_000;
const WORKSHOPS = 10_000;
const MONTHS = monthsFrom('2024-01', 24);

// biome-ignore lint/suspicious/noExplicitAny: each service's own drizzle database
type AnyDb = any;

/** The 37 comunas and corregimientos with the network that serves each, as an SQL relation. */
function territoriesRelation(): string {
  const tops = REFERENCE_TERRITORIES.filter((t) => t.parentCode === null);
  if (tops.length !== 37) throw new Error(`expected 37 territories, found ${tops.length}`);
  const rows = tops.map((t, i) => `(${i}, '${t.id}'::uuid, '${networkByCode(t.networkCode)!.id}'::uuid)`);
  return `(values ${rows.join(', ')}) as place(idx, territory_id, network_id)`;
}

async function generate(feedback: AnyDb, education: AnyDb) {
  const months = 24;
  await feedback.execute(
    sql.raw(`
    insert into feedback.pqrs (id, radicado, network_id, territory_id, type, status, channel, subject, description,
      anonymous, tracking_hash, received_at, due_at, answered_at, answered_on_time, rating_score, rated_at)
    select gen_random_uuid(), 'BENCH-' || i, place.network_id, place.territory_id,
      (array['PETICION','QUEJA','RECLAMO','SUGERENCIA'])[1 + i % 4]::feedback.pqrs_type,
      (case when i % 100 < 85 then 'ANSWERED' else 'IN_PROGRESS' end)::feedback.pqrs_status,
      'WEB', 'Solicitud', 'Generada para el benchmark', true, 'x', received, received + interval '15 days',
      case when i % 100 < 85 then received + (i % 20) * interval '1 day' end,
      case when i % 100 < 85 then (i % 20) <= 15 end,
      case when i % 100 < 35 then 1 + i % 5 end,
      case when i % 100 < 35 then received + (i % 20 + 1) * interval '1 day' end
    from generate_series(1, ${PQRS}) as i
    cross join lateral (select timestamptz '2024-01-01 05:00+00' + (i % ${months * 30}) * interval '1 day'
      + (i % 86400) * interval '1 second' as received) as r
    join ${territoriesRelation()} on place.idx = i % 37`),
  );
  await education.execute(
    sql.raw(`
    insert into education.workshops (id, network_id, territory_id, title, topic, kind, modality, starts_at, ends_at, capacity, status)
    select ('00000000-0000-4000-8000-' || lpad(to_hex(w), 12, '0'))::uuid, place.network_id, place.territory_id,
      'Taller ' || w, 'HEALTH_RIGHTS', 'WORKSHOP', 'IN_PERSON', starts, starts + interval '3 hours', 100, 'HELD'
    from generate_series(1, ${WORKSHOPS}) as w
    cross join lateral (select timestamptz '2024-01-01 14:00+00' + (w % ${months * 30}) * interval '1 day' as starts) as s
    join ${territoriesRelation()} on place.idx = w % 37`),
  );
  await education.execute(
    sql.raw(`
    insert into education.registrations (workshop_id, status, document_number, life_stage, sex, ethnicity, disability,
      attended_at, attendance_method)
    select w.id, 'REGISTERED', 'DOC' || (i % 60007),
      (array['JUVENTUD','ADULTEZ','VEJEZ'])[1 + i % 3]::education.life_stage,
      (array['HOMBRE','MUJER'])[1 + i % 2]::education.sex,
      (array['NINGUNO','NEGRO_AFROCOLOMBIANO','INDIGENA'])[1 + i % 3]::education.ethnicity,
      i % 10 = 0, w.starts_at + interval '10 minutes', 'LIST'
    from generate_series(1, ${ATTENDANCES}) as i
    join education.workshops w on w.id = ('00000000-0000-4000-8000-' || lpad(to_hex(1 + i % ${WORKSHOPS}), 12, '0'))::uuid`),
  );
  await feedback.execute(sql`analyze feedback.pqrs`);
  await education.execute(sql`analyze education.registrations`);
  await education.execute(sql`analyze education.workshops`);
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

export default async function bench(): Promise<Record<string, number | string>> {
  const graph = await startTestGraph(SERVICES);
  try {
    const db = (name: string): AnyDb => graph.databases[name]!.db;
    const generating = await timed(() => generate(db('feedback'), db('education')));

    // Bare SQL: the four subgraphs' aggregation queries of a month, in parallel as the gateway
    // sends them. Interleaved month by month with the whole computation, so that the load of a
    // shared machine weighs on both alike.
    const bareMonth = (month: string) => {
      const query: MetricQuery = { periods: [parsePeriod(month)!], breakdowns: false, now: new Date() };
      return Promise.all([
        computeFeedbackMetrics(db('feedback'), query),
        computeEducationMetrics(db('education'), query),
        computePlanningMetrics(db('planning'), query),
        computeTerritoryMetrics(db('territory'), query),
      ]);
    };
    const source = gatewayMetricsSource({ gatewayUrl: graph.gatewayUrl, signingSecret: TEST_SIGNING_SECRET });
    const pass = async () => {
      const totals = { bare: 0, full: 0, changed: 0 };
      for (const period of MONTHS) {
        totals.bare += await timed(() => bareMonth(period));
        totals.full += await timed(async () => {
          totals.changed += (
            await computePeriod(db('indicators'), source, { period, codes: [], runId: null })
          ).changed;
        });
      }
      return totals;
    };
    const first = await pass();
    const again = await pass();
    const [row] = await db('indicators').execute(sql`select count(*)::int as n from indicators.values`);

    return {
      pqrs: PQRS,
      attendances: ATTENDANCES,
      months: MONTHS.length,
      indicators: 7,
      'generate data (ms)': Math.round(generating),
      'bare SQL aggregations, 24 months, first pass (ms)': Math.round(first.bare),
      'every indicator, 24 months, first run (ms)': Math.round(first.full),
      'first run / bare SQL': Number((first.full / first.bare).toFixed(2)),
      'bare SQL aggregations, 24 months, second pass (ms)': Math.round(again.bare),
      'every indicator, 24 months, recomputation (ms)': Math.round(again.full),
      'recomputation / bare SQL': Number((again.full / again.bare).toFixed(2)),
      'values stored': (row as { n: number }).n,
      'values written by the first run': first.changed,
      'values changed by the recomputation': again.changed,
    };
  } finally {
    await graph.stop();
  }
}

// `tsx bench/indicators.bench.ts`: run alone and keep the figures in their own results file.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const figures = await bench();
  for (const [name, value] of Object.entries(figures)) console.log(`  ${name}: ${value}`);
  const file = path.resolve(import.meta.dirname, 'results/indicators.json');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(
    file,
    `${JSON.stringify({ date: new Date().toISOString(), node: process.version, figures }, null, 2)}\n`,
  );
  console.log(`Written to ${path.relative(process.cwd(), file)}`);
  process.exit(0);
}
