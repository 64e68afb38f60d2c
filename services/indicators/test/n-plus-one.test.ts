import { REFERENCE_TERRITORIES, referenceId } from '@participa/reference';
import { territoryService } from '@participa/territory';
import { type Caller, startTestGraph, type TestGraph } from '@participa/testing';
import { entityTypesOf, expectFlatStatements } from '@participa/testing/n-plus-one';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndicatorsDb } from '../src/db/index.ts';
import { indicators, indicatorValues, targets, valueRevisions } from '../src/db/schema.ts';
import { indicatorsService } from '../src/service.ts';

// No N+1: 5 and 50 indicator values (each of its own indicator and barrio, with targets and
// revisions), and 5 and 50 barrios with their values, cost each service the same number of SQL
// statements. Values are written with the service's own tables (the computation run is tested in
// indicators.test.ts); period 2026-01 has 5, 2026-02 has 50.
let graph: TestGraph;
const SECRETARIAT: Caller = { role: 'secretariat', sub: 'secretaria-n1' };
const SMALL = '2026-01';
const LARGE = '2026-02';
const BARRIOS = REFERENCE_TERRITORIES.filter((t) => t.kind === 'BARRIO');

async function seedPeriod(db: IndicatorsDb, period: string, count: number) {
  const defined = await db
    .insert(indicators)
    .values(
      Array.from({ length: count }, (_, i) => ({
        code: `COBERTURA_${period.replace('-', '_')}_${i + 1}`,
        name: `Cobertura de talleres de derechos en salud ${i + 1}`,
        description: 'Asistentes a talleres por cada 100 PQRS radicadas.',
        numerator: 'workshops.attendances',
        denominator: 'pqrs.received',
        factor: 100,
        unit: '%',
        direction: 'HIGHER_IS_BETTER' as const,
      })),
    )
    .returning({ id: indicators.id });
  await db.insert(targets).values(
    defined.map(({ id }) => ({
      indicatorId: id,
      networkId: null,
      year: 2026,
      baseline: 40,
      baselineYear: 2025,
      target: 60,
    })),
  );
  const values = await db
    .insert(indicatorValues)
    .values(
      defined.map(({ id }, i) => {
        const barrio = BARRIOS[i]!;
        return {
          indicatorId: id,
          period,
          scope: 'TERRITORY' as const,
          networkId: referenceId('network', barrio.networkCode),
          territoryId: barrio.id,
          numerator: 30 + i,
          denominator: 50,
          value: ((30 + i) / 50) * 100,
          status: 'ON_TRACK' as const,
          computedAt: new Date('2026-03-01T06:00:00Z'),
        };
      }),
    )
    .returning({ id: indicatorValues.id });
  await db.insert(valueRevisions).values(
    values.map(({ id }, i) => ({
      valueId: id,
      numerator: 30 + i,
      denominator: 50,
      value: ((30 + i) / 50) * 100,
      status: 'ON_TRACK' as const,
      computedAt: new Date('2026-03-01T06:00:00Z'),
    })),
  );
}

beforeAll(async () => {
  graph = await startTestGraph([territoryService, indicatorsService]);
  const db = graph.databases.indicators!.db as unknown as IndicatorsDb;
  await seedPeriod(db, SMALL, 5);
  await seedPeriod(db, LARGE, 50);
}, 60_000);
afterAll(() => graph?.stop());

const VALUE = `period scope numerator denominator value status computedAt
  indicator { id code name description numerator denominator factor unit direction periodicity atRiskMargin
    targets { networkCode year baseline baselineYear target } }
  network { code name } territory { code name parent { code } }
  revisions { numerator denominator value status computedAt runId }`;

describe('no N+1 in the indicators subgraph: as many SQL statements for 50 entities as for 5', () => {
  it('indicatorValues (IndicatorValue, Indicator, IndicatorTarget, IndicatorValueRevision, Network, Territory)', async () => {
    await expectFlatStatements<{
      indicatorValues: { indicator: { targets: unknown[] }; revisions: unknown[] }[];
    }>(graph, {
      query: `query ($period: String!) { indicatorValues(filter: { period: $period }) { ${VALUE} } }`,
      five: { period: SMALL },
      fifty: { period: LARGE },
      as: SECRETARIAT,
      size: (data) => {
        expect(data.indicatorValues.every((v) => v.indicator.targets.length === 1)).toBe(true);
        expect(data.indicatorValues.every((v) => v.revisions.length === 1)).toBe(true);
        return data.indicatorValues.length;
      },
      bound: 4,
    });
  });

  it('barrios with their values (Territory.indicatorValues) and the networks of those values', async () => {
    await expectFlatStatements<{
      territoriesConnection: { edges: { node: { indicatorValues: unknown[] } }[] };
    }>(graph, {
      query: `query ($first: Int) {
          territoriesConnection(filter: { kind: BARRIO }, first: $first) {
            edges { node { code indicatorValues(period: "${LARGE}") { value indicator { code targets { target } }
              network { code indicatorValues(period: "${LARGE}") { value } } } } }
          }
        }`,
      five: { first: 5 },
      fifty: { first: 50 },
      as: SECRETARIAT,
      size: (data) => {
        expect(data.territoriesConnection.edges.every((e) => e.node.indicatorValues.length === 1)).toBe(true);
        return data.territoriesConnection.edges.length;
      },
      bound: 4,
    });
  });

  it('has a case for every entity type of the SDL', () => {
    const covered = [
      'IndicatorValue',
      'Indicator',
      'IndicatorTarget',
      'IndicatorValueRevision',
      'Network',
      'Territory',
    ];
    expect([...new Set(covered)].sort()).toEqual(entityTypesOf(indicatorsService));
  });
});
