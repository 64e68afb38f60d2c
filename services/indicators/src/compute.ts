import { type Period, parsePeriod, type Scope } from '@participa/metrics';
import { networkByCode, territoryByCode } from '@participa/reference';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { IndicatorsDb } from './db/index.ts';
import {
  alertEvents,
  computationRuns,
  type IndicatorRow,
  indicators,
  indicatorValues,
  type TargetStatus,
  targets,
  valueRevisions,
} from './db/schema.ts';
import { evaluate, type Formula, metricsIn, parseFormula } from './formula.ts';
import type { MetricCell, MetricsSource } from './metrics-source.ts';
import { statusOf, targetForPeriod, targetInForce } from './status.ts';

type Tx = Parameters<Parameters<IndicatorsDb['transaction']>[0]>[0];

interface Computed {
  indicatorId: string;
  scope: Scope;
  networkId: string | null;
  territoryId: string | null;
  numerator: number;
  denominator: number | null;
  value: number | null;
  status: TargetStatus;
  target: number | null;
}

interface CompiledIndicator {
  row: IndicatorRow;
  numerator: Formula;
  denominator: Formula | null;
}

function compile(row: IndicatorRow): CompiledIndicator {
  return {
    row,
    numerator: parseFormula(row.numerator),
    denominator: row.denominator ? parseFormula(row.denominator) : null,
  };
}

/**
 * One indicator in one scope: value = factor × numerator / denominator from the scope's own
 * metrics. A district or network value therefore is a ratio of sums (the subgraphs summed the
 * records), never an average of the ratios below it.
 */
function indicatorValue(
  indicator: CompiledIndicator,
  cell: MetricCell,
  period: Period,
  targetRows: (typeof targets.$inferSelect)[],
): Computed {
  const metric = (name: string) => cell.values.get(name) ?? 0;
  const numerator = evaluate(indicator.numerator, metric) ?? 0;
  const denominator = indicator.denominator ? evaluate(indicator.denominator, metric) : null;
  const { factor, direction, atRiskMargin } = indicator.row;
  const value = indicator.denominator
    ? denominator
      ? (factor * numerator) / denominator
      : null
    : factor * numerator;
  const networkId = cell.networkCode ? (networkByCode(cell.networkCode)?.id ?? null) : null;
  const inForce = targetInForce(targetRows, networkId, period.year);
  const target = inForce ? targetForPeriod(inForce.target, period, indicator.denominator !== null) : null;
  return {
    indicatorId: indicator.row.id,
    scope: cell.scope,
    networkId,
    territoryId: cell.territoryCode ? (territoryByCode(cell.territoryCode)?.id ?? null) : null,
    numerator,
    denominator,
    value,
    status: statusOf(value, target, direction, atRiskMargin),
    target,
  };
}

const keyOf = (v: {
  indicatorId: string;
  scope: string;
  networkId: string | null;
  territoryId: string | null;
}) => [v.indicatorId, v.scope, v.networkId, v.territoryId].join('|');

/**
 * The seam to the notifications outbox: a value that turned OFF_TRACK becomes an alert event in
 * the same transaction as the value, for the network's admins and the secretariat.
 */
async function emitAlert(tx: Tx, valueId: string, indicatorCode: string, period: string, computed: Computed) {
  await tx.insert(alertEvents).values({
    valueId,
    indicatorCode,
    period,
    scope: computed.scope,
    networkId: computed.networkId,
    territoryId: computed.territoryId,
    value: computed.value,
    target: computed.target,
  });
}

/**
 * Computes the indicators (all when `codes` is empty) for one period from the graph's metrics and
 * stores what changed: a value whose numerator, denominator, value and status are the same is left
 * untouched (the same period twice changes nothing); a changed one gets a revision, and one that
 * turns OFF_TRACK an alert. Concurrent runs of a period are serialised by an advisory lock.
 */
export async function computePeriod(
  db: IndicatorsDb,
  source: MetricsSource,
  input: { period: string; codes: readonly string[]; runId: string | null; now?: Date },
): Promise<{ changed: number }> {
  const period = parsePeriod(input.period);
  if (!period) throw new Error(`invalid period ${input.period}`);
  const rows = await db
    .select()
    .from(indicators)
    .where(input.codes.length ? inArray(indicators.code, [...input.codes]) : undefined);
  if (rows.length === 0) return { changed: 0 };
  const compiled = rows.map(compile);
  const names = [
    ...new Set(compiled.flatMap((c) => [c.numerator, c.denominator].flatMap((f) => (f ? metricsIn(f) : [])))),
  ];
  const cells = await source([period.code], names);
  const targetRows = await db
    .select()
    .from(targets)
    .where(
      inArray(
        targets.indicatorId,
        rows.map((r) => r.id),
      ),
    );
  const computed = compiled.flatMap((indicator) =>
    cells.map((cell) =>
      indicatorValue(
        indicator,
        cell,
        period,
        targetRows.filter((t) => t.indicatorId === indicator.row.id),
      ),
    ),
  );
  const codeOf = new Map(rows.map((r) => [r.id, r.code]));
  const computedAt = input.now ?? new Date();

  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`indicators:${period.code}`}))`);
    const existing = await tx
      .select()
      .from(indicatorValues)
      .where(
        and(
          eq(indicatorValues.period, period.code),
          inArray(
            indicatorValues.indicatorId,
            rows.map((r) => r.id),
          ),
        ),
      );
    const before = new Map(existing.map((row) => [keyOf(row), row]));
    const changes = computed.filter((value) => {
      const previous = before.get(keyOf(value));
      return !(
        previous &&
        previous.numerator === value.numerator &&
        previous.denominator === value.denominator &&
        previous.value === value.value &&
        previous.status === value.status
      );
    });
    if (changes.length === 0) return { changed: 0 };

    const excluded = (column: string) => sql.raw(`excluded.${column}`);
    const stored = await tx
      .insert(indicatorValues)
      .values(
        changes.map((value) => ({
          indicatorId: value.indicatorId,
          period: period.code,
          scope: value.scope,
          networkId: value.networkId,
          territoryId: value.territoryId,
          numerator: value.numerator,
          denominator: value.denominator,
          value: value.value,
          status: value.status,
          computedAt,
          runId: input.runId,
        })),
      )
      .onConflictDoUpdate({
        target: [
          indicatorValues.indicatorId,
          indicatorValues.period,
          indicatorValues.scope,
          indicatorValues.networkId,
          indicatorValues.territoryId,
        ],
        set: {
          numerator: excluded('numerator'),
          denominator: excluded('denominator'),
          value: excluded('value'),
          status: excluded('status'),
          computedAt: excluded('computed_at'),
          runId: excluded('run_id'),
        },
      })
      .returning();
    await tx.insert(valueRevisions).values(
      stored.map((row) => ({
        valueId: row.id,
        numerator: row.numerator,
        denominator: row.denominator,
        value: row.value,
        status: row.status,
        computedAt: row.computedAt,
        runId: row.runId,
      })),
    );
    const computedByKey = new Map(changes.map((value) => [keyOf(value), value]));
    for (const row of stored)
      if (row.status === 'OFF_TRACK' && before.get(keyOf(row))?.status !== 'OFF_TRACK')
        await emitAlert(
          tx,
          row.id,
          codeOf.get(row.indicatorId)!,
          period.code,
          computedByKey.get(keyOf(row))!,
        );
    return { changed: stored.length };
  });
}

/** Runs a queued computation and records how it went (the worker's job). */
export async function executeRun(db: IndicatorsDb, source: MetricsSource, runId: string): Promise<void> {
  const [run] = await db
    .update(computationRuns)
    .set({ status: 'RUNNING', startedAt: new Date(), finishedAt: null, error: null })
    .where(eq(computationRuns.id, runId))
    .returning();
  if (!run) throw new Error(`unknown computation run ${runId}`);
  try {
    const { changed } = await computePeriod(db, source, {
      period: run.period,
      codes: run.indicatorCodes,
      runId,
    });
    await db
      .update(computationRuns)
      .set({ status: 'SUCCEEDED', finishedAt: new Date(), valuesChanged: changed })
      .where(eq(computationRuns.id, runId));
  } catch (error) {
    // Users read `error`: a Spanish sentence; the cause goes to the worker's log (thrown on).
    await db
      .update(computationRuns)
      .set({
        status: 'FAILED',
        finishedAt: new Date(),
        error: 'No se pudo calcular el periodo: las métricas no estaban disponibles o el cálculo falló.',
      })
      .where(eq(computationRuns.id, runId));
    throw error;
  }
}
