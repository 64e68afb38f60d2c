import { REFERENCE_NETWORKS } from '@participa/reference';
import { inArray } from 'drizzle-orm';
import type { IndicatorsDb } from '../db/index.ts';
import { indicators, targets } from '../db/schema.ts';

/**
 * Targets of Cali's five networks and of the district for 2026, and the Bogotá MAS Bienestar
 * figure for user experience (baseline 78.10 % in 2023, target 80.20 % in 2027) as the example of
 * a multi-year target.
 */
const DEMO_TARGETS: Record<
  string,
  { year: number; target: number; baseline?: number; baselineYear?: number }
> = {
  PQRS_OPORTUNIDAD: { year: 2026, target: 95, baseline: 88, baselineYear: 2025 },
  PQRS_OPORTUNIDAD_ESTRICTA: { year: 2026, target: 90 },
  PLAN_EJECUCION: { year: 2026, target: 90, baseline: 75, baselineYear: 2023 },
  PRESUPUESTO_EJECUCION: { year: 2026, target: 85, baseline: 77, baselineYear: 2023 },
  TALLERES_REALIZADOS: { year: 2026, target: 24 },
  PARTICIPANTES_FORMADOS: { year: 2026, target: 600 },
  EXPERIENCIA_USUARIO: { year: 2027, target: 80.2, baseline: 78.1, baselineYear: 2023 },
};

export async function seedDemo(db: IndicatorsDb): Promise<void> {
  const rows = await db
    .select({ id: indicators.id, code: indicators.code })
    .from(indicators)
    .where(inArray(indicators.code, Object.keys(DEMO_TARGETS)));
  const networkIds = [null, ...REFERENCE_NETWORKS.map((n) => n.id)];
  const values = rows.flatMap(({ id, code }) => {
    const { year, target, baseline, baselineYear } = DEMO_TARGETS[code]!;
    return networkIds.map((networkId) => ({
      indicatorId: id,
      networkId,
      year,
      target,
      baseline: baseline ?? null,
      baselineYear: baselineYear ?? null,
    }));
  });
  if (values.length) await db.insert(targets).values(values).onConflictDoNothing();
}
