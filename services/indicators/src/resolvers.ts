import type { Identity } from '@participa/auth';
import { writeWithAudit } from '@participa/db';
import { parsePeriod } from '@participa/metrics';
import { networkById, requireNetwork, territoryById } from '@participa/reference';
import {
  authorize,
  badUserInput,
  type Guarded,
  loadReferenced,
  notFound,
  parseInput,
  SECRETARIAT_ONLY,
} from '@participa/subgraph-kit';
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Context } from './context.ts';
import {
  auditEvents,
  computationRuns,
  type IndicatorRow,
  indicators,
  indicatorValues,
  type TargetRow,
  targets,
  type ValueRow,
} from './db/schema.ts';
import { dispatchRun } from './dispatch.ts';
import type {
  MutationComputeIndicatorsArgs,
  MutationDefineIndicatorArgs,
  MutationSetIndicatorTargetArgs,
  NetworkIndicatorValuesArgs,
  QueryComputationRunArgs,
  QueryIndicatorArgs,
  QueryIndicatorValuesArgs,
  Resolvers,
} from './generated/resolvers-types.ts';
import { computeSchema, parseDefineIndicator, setTargetSchema } from './validation.ts';

/** Indicators are aggregates for the networks, the secretariat and workers. */
const READERS_ONLY = 'Solo el personal de las redes y la Secretaría de Salud consultan indicadores.';
const requireReader = (identity: Identity, what: Guarded = 'indicators') =>
  authorize(identity, what, {}, READERS_ONLY);

function requirePeriodCode(code: string, field: string): string {
  const period = parsePeriod(code);
  if (!period)
    throw badUserInput(
      field,
      `El periodo "${code}" no es válido: use 2025 (año), 2025Q1 (trimestre) o 2025-03 (mes).`,
    );
  return period.code;
}

async function indicatorByCode(ctx: Context, code: string): Promise<IndicatorRow | null> {
  const [row] = await ctx.db.select().from(indicators).where(eq(indicators.code, code.trim().toUpperCase()));
  return row ?? null;
}

interface ValueFilter {
  indicatorCode?: string | null;
  networkCode?: string | null;
  territoryId?: string | null;
  period?: string | null;
  scope?: ValueRow['scope'] | null;
}

async function listValues(ctx: Context, filter: ValueFilter): Promise<ValueRow[]> {
  if (!filter.period && !filter.indicatorCode)
    throw badUserInput('filter.period', 'Indique el periodo o el código del indicador.');
  const conditions: SQL[] = [];
  if (filter.period)
    conditions.push(eq(indicatorValues.period, requirePeriodCode(filter.period, 'filter.period')));
  if (filter.indicatorCode) {
    const indicator = await indicatorByCode(ctx, filter.indicatorCode);
    if (!indicator) return [];
    conditions.push(eq(indicatorValues.indicatorId, indicator.id));
  }
  if (filter.networkCode)
    conditions.push(
      eq(indicatorValues.networkId, requireNetwork(filter.networkCode, 'filter.networkCode').id),
    );
  if (filter.territoryId) conditions.push(eq(indicatorValues.territoryId, filter.territoryId));
  if (filter.scope) conditions.push(eq(indicatorValues.scope, filter.scope));
  return ctx.db
    .select()
    .from(indicatorValues)
    .where(and(...conditions))
    .orderBy(
      asc(indicatorValues.period),
      asc(indicatorValues.indicatorId),
      sql`array_position(array['DISTRICT','NETWORK','TERRITORY']::indicators.scope[], ${indicatorValues.scope})`,
      asc(indicatorValues.networkId),
      asc(indicatorValues.territoryId),
    );
}

/** The same arguments on `Network.indicatorValues` and `Territory.indicatorValues`. */
type PlaceArgs = NetworkIndicatorValuesArgs;

async function valuesOfPlace(ctx: Context, place: 'network' | 'territory', id: string, args: PlaceArgs) {
  requireReader(ctx.identity, 'Network.indicatorValues');
  const period = requirePeriodCode(args.period, 'period');
  const indicatorCode = args.indicatorCode?.trim().toUpperCase() || null;
  return ctx.loaders.valuesOfPlace.load({ place, id, period, indicatorCode });
}

export const resolvers = {
  Query: {
    async indicators(_: unknown, __: unknown, ctx: Context) {
      requireReader(ctx.identity);
      return ctx.db.select().from(indicators).orderBy(indicators.code);
    },
    async indicator(_: unknown, args: QueryIndicatorArgs, ctx: Context) {
      requireReader(ctx.identity, 'indicator');
      return indicatorByCode(ctx, args.code);
    },
    async indicatorValues(_: unknown, args: QueryIndicatorValuesArgs, ctx: Context) {
      requireReader(ctx.identity, 'indicatorValues');
      return listValues(ctx, args.filter);
    },
    async computationRun(_: unknown, args: QueryComputationRunArgs, ctx: Context) {
      requireReader(ctx.identity, 'computationRun');
      if (!/^[0-9a-f-]{36}$/i.test(args.id)) return null;
      const [run] = await ctx.db.select().from(computationRuns).where(eq(computationRuns.id, args.id));
      return run ?? null;
    },
  },

  Mutation: {
    async defineIndicator(_: unknown, args: MutationDefineIndicatorArgs, ctx: Context) {
      authorize(ctx.identity, 'defineIndicator', {}, SECRETARIAT_ONLY);
      const input = parseDefineIndicator(args.input);
      return writeWithAudit(
        ctx.db,
        auditEvents,
        ctx.identity.sub,
        async (tx) => {
          const [row] = await tx
            .insert(indicators)
            .values({ ...input, createdBy: ctx.identity.sub })
            .onConflictDoUpdate({
              target: indicators.code,
              set: { ...input, updatedAt: new Date() },
            })
            .returning();
          return row!;
        },
        (row) => ({ action: 'indicator.defined', entity: 'Indicator', entityId: row.id, details: input }),
      );
    },

    async setIndicatorTarget(_: unknown, args: MutationSetIndicatorTargetArgs, ctx: Context) {
      authorize(ctx.identity, 'setIndicatorTarget', {}, SECRETARIAT_ONLY);
      const input = parseInput(setTargetSchema, args.input);
      const indicator = await indicatorByCode(ctx, input.indicatorCode);
      if (!indicator) throw notFound(`No existe el indicador ${input.indicatorCode}.`);
      const networkId = input.networkCode ? requireNetwork(input.networkCode).id : null;
      const fields = {
        baseline: input.baseline ?? null,
        baselineYear: input.baselineYear ?? null,
        target: input.target,
        updatedAt: new Date(),
      };
      return writeWithAudit(
        ctx.db,
        auditEvents,
        ctx.identity.sub,
        async (tx) => {
          const [row] = await tx
            .insert(targets)
            .values({ indicatorId: indicator.id, networkId, year: input.year, ...fields })
            .onConflictDoUpdate({
              target: [targets.indicatorId, targets.networkId, targets.year],
              set: fields,
            })
            .returning();
          return row!;
        },
        (row) => ({
          action: 'indicator.target_set',
          entity: 'Indicator',
          entityId: indicator.id,
          details: { networkCode: input.networkCode ?? null, year: row.year, target: row.target },
        }),
      );
    },

    async computeIndicators(_: unknown, args: MutationComputeIndicatorsArgs, ctx: Context) {
      authorize(
        ctx.identity,
        'computeIndicators',
        {},
        'Solo la Secretaría de Salud y los procesos del sistema calculan indicadores.',
      );
      const input = parseInput(computeSchema, args.input);
      const period = requirePeriodCode(input.period, 'period');
      const codes = [...new Set((input.indicatorCodes ?? []).map((c) => c.toUpperCase()))];
      if (codes.length) {
        const known = await ctx.db
          .select({ code: indicators.code })
          .from(indicators)
          .where(inArray(indicators.code, codes));
        const missing = codes.filter((code) => !known.some((k) => k.code === code));
        if (missing.length) throw badUserInput('indicatorCodes', `No existe el indicador ${missing[0]}.`);
      }
      const [run] = await ctx.db
        .insert(computationRuns)
        .values({ period, indicatorCodes: codes, requestedBy: ctx.identity.sub })
        .returning();
      await dispatchRun(run!);
      return run!;
    },
  },

  Indicator: {
    __resolveReference: (ref: { id: string }, ctx: Context) => ctx.loaders.indicator.load(ref.id),
    targets: (indicator: IndicatorRow, _: unknown, ctx: Context) => ctx.loaders.targetsOf.load(indicator.id),
  },

  Network: {
    __resolveReference: (ref: { id: string }) => ref,
    indicatorValues: (network: { id: string }, args: PlaceArgs, ctx: Context) =>
      valuesOfPlace(ctx, 'network', network.id, args),
  },

  Territory: {
    __resolveReference: (ref: { id: string }) => ref,
    indicatorValues: (territory: { id: string }, args: PlaceArgs, ctx: Context) =>
      valuesOfPlace(ctx, 'territory', territory.id, args),
  },

  IndicatorTarget: {
    networkCode: (target: TargetRow) =>
      target.networkId ? (networkById(target.networkId)?.code ?? null) : null,
  },

  IndicatorValue: {
    indicator: (value: ValueRow, _: unknown, ctx: Context) =>
      loadReferenced(ctx.loaders.indicator, value.indicatorId),
    network: (value: ValueRow) => (value.networkId ? { __typename: 'Network', id: value.networkId } : null),
    territory: (value: ValueRow) =>
      value.territoryId && territoryById(value.territoryId)
        ? { __typename: 'Territory', id: value.territoryId }
        : null,
    revisions: (value: ValueRow, _: unknown, ctx: Context) => ctx.loaders.revisionsOf.load(value.id),
  },
} satisfies Resolvers;
