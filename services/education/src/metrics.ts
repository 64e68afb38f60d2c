import {
  type ComputeMetrics,
  groupingOf,
  type MetricRow,
  metricsModule,
  periodsRelation,
  territoryRollup,
} from '@participa/metrics';
import { type SQL, sql } from 'drizzle-orm';
import type { EducationDb } from './db/index.ts';
import { registrations, workshops } from './db/schema.ts';

const inPeriod = (instant: unknown) => sql`${instant} >= period.starts and ${instant} < period.ends`;
const territory = sql`coalesce(rollup.top_id, ${workshops.territoryId})`;

/**
 * A person across workshops: their document number; a registration without one (or erased)
 * stands for a person of its own. Counted distinct at each scope, never summed across scopes.
 */
const person = sql`coalesce(${registrations.documentNumber}, ${registrations.id}::text)`;

/**
 * Education metrics by the network and territory of the workshop: workshops held (started in the
 * period), and attendances and distinct participants (attended in the period) with the
 * differential breakdowns of the attendees' characterization.
 */
export const computeEducationMetrics: ComputeMetrics<EducationDb> = async (db, query) => {
  const held = groupingOf({ network: sql`${workshops.networkId}`, territory, breakdowns: false });
  const attended = groupingOf({
    network: sql`${workshops.networkId}`,
    territory,
    breakdowns: query.breakdowns,
    dimensions: {
      LIFE_STAGE: sql`${registrations.lifeStage}`,
      SEX: sql`${registrations.sex}`,
      ETHNICITY: sql`${registrations.ethnicity}`,
      DISABILITY: sql`${registrations.disability}`,
    },
  });
  const periods = (): SQL => periodsRelation(query.periods, query.now);
  const rows = await db.execute(sql`
    select ${held.keys}, count(*)::float8 as "workshops.held",
      null::float8 as "workshops.attendances", null::float8 as "workshops.participants"
    from ${periods()}
    join ${workshops} on ${inPeriod(workshops.startsAt)} and ${workshops.status} = 'HELD'
    left join ${territoryRollup()} on rollup.territory_id = ${workshops.territoryId}
    ${held.groupBy}
    union all
    select ${attended.keys}, null, count(*)::float8, count(distinct ${person})::float8
    from ${periods()}
    join ${registrations} on ${inPeriod(registrations.attendedAt)}
    join ${workshops} on ${workshops.id} = ${registrations.workshopId}
    left join ${territoryRollup()} on rollup.territory_id = ${workshops.territoryId}
    ${attended.groupBy}
  `);
  return rows as unknown as MetricRow[];
};

export const educationMetrics = metricsModule('education', computeEducationMetrics);
