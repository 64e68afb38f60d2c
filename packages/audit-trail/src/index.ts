import type { Identity } from '@participa/auth';
import { type AuditEventRow, type AuditTable, auditEventsOf, type Database } from '@participa/db';
import { inNetwork, loaderGroupedBy, loadTypeDefs, may } from '@participa/subgraph-kit';
import DataLoader from 'dataloader';

export type { AuditEventRow } from '@participa/db';

/**
 * The read side of the audit trail every service writes with `recordAudit`: the shareable
 * `AuditEvent` type, one loader per entity type and request, and the `auditTrail` field resolver.
 * A subgraph adds `auditTrailTypeDefs` to its SDL, `auditTrailResolvers` to its resolvers,
 * `auditTrail: createAuditTrailLoaders(db, auditEvents)` to its loaders, and declares
 * `auditTrail: [AuditEvent!]!` on the entities it owns.
 */
export const auditTrailTypeDefs = loadTypeDefs(new URL('./schema.graphql', import.meta.url));

export const auditTrailResolvers = {
  AuditEvent: {
    // A JSON text keeps the field a plain String, declared identically in every subgraph; an event
    // with nothing to add (no details, or `{}`) says null.
    details: (event: AuditEventRow) => {
      const { details } = event;
      if (details == null) return null;
      if (typeof details === 'object' && Object.keys(details).length === 0) return null;
      return JSON.stringify(details);
    },
  },
};

/** The audit action of a read of personal data (who read which record; never the data itself). */
export const PERSONAL_DATA_READ = 'personal_data.read';

/**
 * Per-request log of the reads of personal data (Ley 1581 accountability): a resolver that returns
 * a petitioner, a participant or a representative's contact first records that the caller read
 * that record. The reads of one request are written in one INSERT, and the resolver waits for it,
 * so no read goes unlogged; a record read twice in a request is logged once.
 */
export interface PersonalDataReadLog {
  /**
   * Records a read of `record` (a registration, a representation), shown in the audit trail of the
   * entity that owns it (`entity`/`entityId`: its workshop, its organization); for a record with a
   * trail of its own (a PQRS) the two are the same.
   */
  record(entity: string, entityId: string, record?: string): Promise<void>;
}

export function createPersonalDataReadLog(
  // biome-ignore lint/suspicious/noExplicitAny: works on any service's schema
  db: Database<any>,
  table: AuditTable,
  identity: Identity,
): PersonalDataReadLog {
  const reads = new DataLoader<string, void>(async (keys) => {
    await db.insert(table).values(
      keys.map((key) => {
        const [entity, entityId, record] = key.split('\n') as [string, string, string];
        const details = record === entityId ? null : { record };
        return { actor: identity.sub, action: PERSONAL_DATA_READ, entity, entityId, details };
      }),
    );
    return keys.map(() => undefined);
  });
  return {
    record: (entity, entityId, record = entityId) => reads.load(`${entity}\n${entityId}\n${record}`),
  };
}

/** Per-request loaders of audit events, one per entity type: one SQL query per type and request. */
export interface AuditTrailLoaders {
  of(entity: string): DataLoader<string, AuditEventRow[]>;
}

// biome-ignore lint/suspicious/noExplicitAny: works on any service's schema
export function createAuditTrailLoaders(db: Database<any>, table: AuditTable): AuditTrailLoaders {
  const loaders = new Map<string, DataLoader<string, AuditEventRow[]>>();
  return {
    of(entity) {
      let loader = loaders.get(entity);
      if (!loader) {
        loader = loaderGroupedBy(
          (ids) => auditEventsOf(db, table, entity, ids),
          (event) => event.entityId,
        );
        loaders.set(entity, loader);
      }
      return loader;
    },
  };
}

/**
 * Who reads an entity's audit trail (the policy's `auditTrail`): the secretariat, and ESE staff and
 * admins of the entity's network. Entities of no network (district-wide actors) are the secretariat's alone.
 */
export function canReadAuditTrail(identity: Identity, networkCode: string | null): boolean {
  return may(identity, 'auditTrail', inNetwork(networkCode));
}

interface AuditTrailContext {
  identity: Identity;
  loaders: { auditTrail: AuditTrailLoaders };
}

export interface AuditTrailFieldOptions {
  /**
   * Actions a citizen may take (file a PQRS, rate its answer). Their actor is never shown: a
   * citizen's user id would point at a person, and would unmask the author of an anonymous PQRS.
   */
  citizenActions?: readonly string[];
}

/**
 * The resolver of `auditTrail: [AuditEvent!]!` on one entity type. Callers who may not read it get
 * an empty list, not an error: the field sits on entities that anyone may list, and a FORBIDDEN
 * on a non-null field would wipe out the whole list around it.
 */
export function auditTrailField<TParent extends { id: string }, TContext extends AuditTrailContext>(
  entity: string,
  networkCodeOf: (parent: TParent, ctx: TContext) => string | null | Promise<string | null>,
  options: AuditTrailFieldOptions = {},
) {
  const citizenActions = new Set(options.citizenActions ?? []);
  return async (parent: TParent, _args: unknown, ctx: TContext): Promise<AuditEventRow[]> => {
    const networkCode = await networkCodeOf(parent, ctx);
    if (!canReadAuditTrail(ctx.identity, networkCode)) return [];
    // Who read personal data is the network admins' to review (the data controller's duty).
    const readsVisible = may(ctx.identity, 'auditTrail.personalDataReads', inNetwork(networkCode));
    const events = (await ctx.loaders.auditTrail.of(entity).load(parent.id)).filter(
      (event) => readsVisible || event.action !== PERSONAL_DATA_READ,
    );
    if (citizenActions.size === 0) return events;
    return events.map((event) => (citizenActions.has(event.action) ? { ...event, actor: null } : event));
  };
}
