import { addCalendarDays, bogotaDay, endOfBogotaDay, startOfBogotaDay } from '@participa/calendar';
import { recordAudit } from '@participa/db';
import { networkByCode } from '@participa/reference';
import {
  type ConnectionArgs,
  conflict,
  cursorPart,
  decodeCursor,
  notFound,
  pageSize,
  parseInput,
  toConnection,
  z,
} from '@participa/subgraph-kit';
import { eq } from 'drizzle-orm';
import { mayListPqrsOf, readableNetworkIds } from './access.ts';
import type { Context } from './context.ts';
import {
  countPqrs,
  findByRadicado,
  findPqrsPage,
  insertEvent,
  NO_DEADLINE,
  type PqrsOrder,
  type PqrsQuery,
  sortKeyOf,
  updatePqrs,
} from './data/pqrs.ts';
import { type Breakdown, breakdown, type StatsScope, totals } from './data/stats.ts';
import type { FeedbackDb } from './db/index.ts';
import { auditEvents, type PqrsRow, pqrs } from './db/schema.ts';
import { canApply } from './domain.ts';
import { hashTrackingCode, trackingCodeMatches } from './secrets.ts';
import { pqrsFilterInput, ratePqrsResponseInput, statsRangeInput } from './validation.ts';

export interface ListArgs extends ConnectionArgs {
  filter?: unknown;
  orderBy?: PqrsOrder | null;
}

/** Keyed on (receivedAt, id), or (dueAt, id) where PQRS without deadline sort last. */
function cursorKey(after: string | null | undefined, order: PqrsOrder): [string, string] | null {
  const sortValue =
    order === 'DUE_AT_ASC'
      ? z.union([z.literal(NO_DEADLINE), cursorPart.instantText])
      : cursorPart.instantText;
  return decodeCursor(after, [sortValue, cursorPart.id]);
}

/** Lists PQRS the caller may read; `scope` pins a facility or territory (federated fields). */
export function listPqrs(
  ctx: Context,
  args: ListArgs,
  scope: { networkCode?: string; facilityId?: string; territoryId?: string } = {},
) {
  const filter = parseInput(pqrsFilterInput, args.filter) ?? {};
  const size = pageSize(args.first);
  // On a network, facility or territory the PQRS hidden from the caller leave an empty page, not an
  // error that would wipe out the list of networks around it.
  if (Object.keys(scope).length > 0 && !mayListPqrsOf(ctx.identity, scope.networkCode)) {
    return toConnection(
      [],
      size,
      () => [],
      async () => 0,
    );
  }
  const order = args.orderBy ?? 'RECEIVED_AT_DESC';
  const after = cursorKey(args.after, order);
  const now = new Date();
  const query: PqrsQuery = {
    networkIds: readableNetworkIds(ctx.identity, scope.networkCode ?? filter.networkCode),
    status: filter.status,
    type: filter.type,
    channel: filter.channel,
    facilityId: scope.facilityId ?? filter.facilityId,
    territoryId: scope.territoryId ?? filter.territoryId,
    overdue: filter.overdue,
    dueBefore:
      filter.dueWithinDays == null
        ? null
        : endOfBogotaDay(addCalendarDays(bogotaDay(now), filter.dueWithinDays)),
    receivedFrom: filter.from ? startOfBogotaDay(filter.from) : null,
    receivedTo: filter.to ? endOfBogotaDay(filter.to) : null,
    now,
  };
  const parent = scope.facilityId
    ? (['facilityId', scope.facilityId] as const)
    : scope.territoryId
      ? (['territoryId', scope.territoryId] as const)
      : scope.networkCode
        ? (['networkId', networkByCode(scope.networkCode)?.id] as const)
        : null;
  if (parent?.[1]) {
    // A nested list (`Facility.pqrs`…): one query for the lists of every parent of the request.
    const [column, parentId] = parent;
    // The parent is the loader's key, not part of its arguments (which all parents share).
    const shared: PqrsQuery = {
      ...query,
      networkIds: column === 'networkId' ? undefined : query.networkIds,
      facilityId: column === 'facilityId' ? null : query.facilityId,
      territoryId: column === 'territoryId' ? null : query.territoryId,
    };
    const pages = ctx.loaders.pqrsPagesOf(column, shared, order, after, size + 1);
    return pages.page.load(parentId).then((entries) => {
      const rows = entries.map((entry) => entry.row);
      for (const row of rows) ctx.loaders.pqrs.prime(row.id, row);
      return toConnection(
        rows,
        size,
        (row) => sortKeyOf(row, order),
        async () => (await pages.count.load(parentId)).value,
      );
    });
  }
  return findPqrsPage(ctx.db, query, order, after, size + 1).then((rows) => {
    for (const row of rows) ctx.loaders.pqrs.prime(row.id, row);
    return toConnection(
      rows,
      size,
      (row) => sortKeyOf(row, order),
      () => countPqrs(ctx.db, query),
    );
  });
}

/** What a citizen sees: never the petitioner, never internal notes or who handled it. */
export async function publicStatus(ctx: Context, row: PqrsRow) {
  const transferredTo = row.transferredToId ? await ctx.loaders.pqrs.load(row.transferredToId) : null;
  return {
    radicado: row.radicado,
    type: row.type,
    status: row.status,
    receivedAt: row.receivedAt,
    dueAt: row.dueAt,
    answeredAt: row.answeredAt,
    response: row.status === 'ANSWERED' || row.status === 'CLOSED' ? row.response : null,
    transferredToRadicado: transferredTo?.radicado ?? null,
    transferredToEntity: row.transferredToEntity,
    rating: ratingOf(row),
  };
}

export function ratingOf(row: PqrsRow) {
  return row.ratingScore && row.ratedAt
    ? { score: row.ratingScore, comment: row.ratingComment, ratedAt: row.ratedAt }
    : null;
}

// Hashed even when the radicado is unknown, so both answers take the same time.
const NO_MATCH = hashTrackingCode('no-such-code');

/** The PQRS only if the code matches: unknown radicados and wrong codes look the same. */
async function findTracked(db: FeedbackDb, radicado: string, code: string): Promise<PqrsRow | null> {
  const row = await findByRadicado(db, radicado.trim().toUpperCase());
  const matches = trackingCodeMatches(code, row?.trackingHash ?? NO_MATCH);
  return row && matches ? row : null;
}

export async function trackPqrs(ctx: Context, radicado: string, trackingCode: string) {
  const row = await findTracked(ctx.db, radicado, trackingCode);
  return row ? publicStatus(ctx, row) : null;
}

export async function ratePqrsResponse(ctx: Context, raw: unknown) {
  const input = parseInput(ratePqrsResponseInput, raw);
  const rated = await ctx.db.transaction(async (tx) => {
    const found = await findTracked(tx, input.radicado, input.trackingCode);
    if (!found) throw notFound('No encontramos una PQRS con ese radicado y código de seguimiento.');
    const [row] = await tx.select().from(pqrs).where(eq(pqrs.id, found.id)).for('update');
    if (!row || !canApply('RATE', row.status))
      throw conflict('Solo se puede calificar una PQRS después de recibir la respuesta.');
    if (row.ratingScore !== null) throw conflict('Esta respuesta ya fue calificada.');
    const now = new Date();
    const updated = await updatePqrs(tx, row.id, {
      ratingScore: input.score,
      ratingComment: input.comment ?? null,
      ratedAt: now,
    });
    await insertEvent(tx, { pqrsId: row.id, kind: 'RATED', details: { score: input.score }, at: now });
    await recordAudit(tx, auditEvents, {
      actor: ctx.identity.sub,
      action: 'pqrs.rated',
      entity: 'Pqrs',
      entityId: row.id,
      details: { score: input.score },
    });
    return updated;
  });
  return publicStatus(ctx, rated);
}

export interface StatsParent {
  scope: StatsScope;
}

export async function networkStats(ctx: Context, networkId: string, args: unknown) {
  const range = parseInput(statsRangeInput, args);
  const scope: StatsScope = {
    networkId,
    receivedFrom: range.from ? startOfBogotaDay(range.from) : null,
    receivedTo: range.to ? endOfBogotaDay(range.to) : null,
    now: new Date(),
  };
  return { scope, ...(await totals(ctx.db, scope)) };
}

/** What `PqrsStats` resolves from: the scope of its breakdowns and the totals. */
export type PqrsStatsView = Awaited<ReturnType<typeof networkStats>>;

export const statsBreakdown =
  <B extends Breakdown>(by: B) =>
  (parent: StatsParent, _: unknown, ctx: Context) =>
    breakdown(ctx.db, parent.scope, by);
