import { auditTrailField, auditTrailResolvers } from '@participa/audit-trail';
import { todayInBogota } from '@participa/calendar';
import { writeWithAudit } from '@participa/db';
import {
  authorize,
  badUserInput,
  cursorPart,
  decodeCursor,
  inNetwork,
  loadExisting,
  loadReferenced,
  may,
  notFound,
  pageSize,
  parseInput,
  toConnection,
  uuid,
  z,
} from '@participa/subgraph-kit';
import { GraphQLScalarType } from 'graphql';
import { JSONResolver } from 'graphql-scalars';
import type { Context } from './context.ts';
import { countFeatures, findFeaturesPage, insertFeature } from './data/cartography.ts';
import {
  actorMapOf,
  countOrganizations,
  findOrganizationsPage,
  findRepresentation,
  insertOrganization,
  insertRepresentation,
  type OrganizationQuery,
  setRepresentationEnd,
  updateOrganizationRow,
  upsertRelation,
} from './data/organizations.ts';
import {
  assignTerritory,
  countTerritories,
  findNetworkByCode,
  findTerritories,
  insertFacility,
  listNetworks,
  type TerritoryQuery,
} from './data/places.ts';
import type {
  ActorRelationRow,
  CartographyFeatureRow,
  FacilityRow,
  NetworkRow,
  OrganizationRow,
  RepresentationRow,
  TerritoryRow,
} from './db/schema.ts';
import { auditEvents } from './db/schema.ts';
import { actorQuadrant, isRepresentationActive } from './domain.ts';
import type {
  MutationAddCartographyFeatureArgs,
  MutationAddRepresentationArgs,
  MutationAssignTerritoryToNetworkArgs,
  MutationCreateFacilityArgs,
  MutationCreateOrganizationArgs,
  MutationEndRepresentationArgs,
  MutationRelateActorsArgs,
  MutationUpdateOrganizationArgs,
  NetworkTerritoriesArgs,
  OrganizationRepresentationsArgs,
  QueryActorMapArgs,
  QueryCartographyFeaturesArgs,
  QueryFacilityArgs,
  QueryNetworkArgs,
  QueryOrganizationArgs,
  QueryOrganizationsArgs,
  QueryTerritoriesArgs,
  QueryTerritoriesConnectionArgs,
  QueryTerritoryArgs,
  QueryTerritoryByCodeArgs,
  Resolvers,
} from './generated/resolvers-types.ts';
import {
  addCartographyFeatureInput,
  addRepresentationInput,
  createFacilityInput,
  createOrganizationInput,
  endRepresentationInput,
  networkCodeInput,
  relateActorsInput,
  updateOrganizationInput,
} from './validation.ts';

/** The arguments of a field that declares none. */
type Args = Record<string, unknown>;

interface TerritoryFilter {
  networkCode?: string | null;
  kind?: TerritoryRow['kind'] | null;
  parentId?: string | null;
}

async function territoryQuery(
  ctx: Context,
  filter: TerritoryFilter | null | undefined,
): Promise<TerritoryQuery> {
  const network = filter?.networkCode
    ? await requireNetwork(ctx, filter.networkCode, 'filter.networkCode')
    : null;
  const parentId = parseInput(optionalUuid, filter?.parentId);
  return {
    networkIds: network ? [network.id] : undefined,
    parentIds: parentId ? [parentId] : undefined,
    kind: filter?.kind ?? undefined,
  };
}

async function requireNetwork(ctx: Context, code: unknown, field = 'networkCode'): Promise<NetworkRow> {
  const parsed = networkCodeInput.safeParse(code);
  const network = parsed.success ? await findNetworkByCode(ctx.db, parsed.data) : null;
  if (!network) throw badUserInput(field, `Campo "${field}": la red "${String(code)}" no existe.`);
  return network;
}

async function requireTerritories(
  ctx: Context,
  ids: readonly string[],
  field = 'territoryIds',
): Promise<TerritoryRow[]> {
  const rows = await ctx.loaders.territory.loadMany(ids);
  const missing = ids.filter((_, i) => !rows[i] || rows[i] instanceof Error);
  if (missing.length > 0)
    throw badUserInput(field, `Campo "${field}": no existe el territorio ${missing[0]}.`);
  return rows as TerritoryRow[];
}

async function requireOrganization(ctx: Context, id: string): Promise<OrganizationRow> {
  const row = await ctx.loaders.organization.load(id);
  if (!row) throw notFound(`No existe la organización ${id}.`);
  return row;
}

async function networkCodeOf(ctx: Context, networkId: string | null): Promise<string | null> {
  if (!networkId) return null;
  return (await ctx.loaders.network.load(networkId))?.code ?? null;
}

type ActorOperation = 'updateOrganization' | 'relateActors' | 'addRepresentation' | 'endRepresentation';
const ACTOR_REFUSAL =
  'No tiene permiso: solo el personal de la red del actor (o la Secretaría, para actores distritales) lo modifica.';

/** The map an actor belongs to: its network, or the district's (null). */
async function requireActorWriter(
  ctx: Context,
  operation: ActorOperation,
  ...organizations: OrganizationRow[]
): Promise<void> {
  const codes = await Promise.all(organizations.map((o) => networkCodeOf(ctx, o.networkId)));
  const networks = [...new Set(codes.filter((code) => code !== null))];
  authorize(ctx.identity, operation, inNetwork(...(networks.length ? networks : [null])), ACTOR_REFUSAL);
}

const optionalUuid = uuid().nullish();
const NETWORK_REFUSAL = (code: string) => `No tiene permiso para modificar datos de la red ${code}.`;
const SECRETARIAT_ONLY = 'Solo la Secretaría de Salud puede realizar esta acción.';

/** A field of contact data, resolved only for callers `mayRead` allows; null for everyone else. */
function onlyFor<T>(mayRead: (row: T, ctx: Context) => Promise<boolean>, value: (row: T) => string | null) {
  return async (row: T, _: Args, ctx: Context) => ((await mayRead(row, ctx)) ? value(row) : null);
}

async function mayReadOrganizationContact(o: OrganizationRow, ctx: Context): Promise<boolean> {
  return may(ctx.identity, 'Organization.contact', inNetwork(await networkCodeOf(ctx, o.networkId)));
}

/**
 * The row an update returns, checked found just before: were it deleted in between, the write (and
 * its audit row) is rolled back with NOT_FOUND rather than answering null for a non-null field.
 */
function stillThere<T>(row: T | null, what: string, id: string): T {
  if (!row) throw notFound(`No existe ${what} ${id}.`);
  return row;
}

/** A write and its audit row, in one transaction, attributed to the caller. */
function audited<T>(
  ctx: Context,
  write: (tx: Context['db']) => Promise<T>,
  describe: (row: T) => {
    action: string;
    entity: string;
    entityId: string;
    details?: Record<string, unknown>;
  },
): Promise<T> {
  return writeWithAudit(ctx.db, auditEvents, ctx.identity.sub, write, describe);
}

export const resolvers = {
  ...auditTrailResolvers,
  // Any JSON passes the scalar; the input validation says, in Spanish, what is wrong with it.
  GeoJSONGeometry: new GraphQLScalarType({ ...JSONResolver.toConfig(), name: 'GeoJSONGeometry' }),

  Query: {
    networks: (_: unknown, __: Args, ctx: Context) => listNetworks(ctx.db),
    network: (_: unknown, { code }: QueryNetworkArgs, ctx: Context) => findNetworkByCode(ctx.db, code),
    territory: (_: unknown, { id }: QueryTerritoryArgs, ctx: Context) =>
      uuid().safeParse(id).success ? ctx.loaders.territory.load(id) : null,
    facility: (_: unknown, { id }: QueryFacilityArgs, ctx: Context) =>
      uuid().safeParse(id).success ? ctx.loaders.facility.load(id) : null,
    organization: (_: unknown, { id }: QueryOrganizationArgs, ctx: Context) =>
      uuid().safeParse(id).success ? ctx.loaders.organization.load(id) : null,

    // Deprecated in the schema for `territoriesConnection`; kept working for the contract.
    territories: async (_: unknown, { filter }: QueryTerritoriesArgs, ctx: Context) =>
      findTerritories(ctx.db, await territoryQuery(ctx, filter)),
    async territoriesConnection(_: unknown, args: QueryTerritoriesConnectionArgs, ctx: Context) {
      const query = await territoryQuery(ctx, args.filter);
      const size = pageSize(args.first);
      const cursor = decodeCursor(args.after, [cursorPart.text]);
      const rows = await findTerritories(ctx.db, query, { afterCode: cursor?.[0] ?? null, limit: size + 1 });
      return toConnection(
        rows,
        size,
        (t) => [t.code],
        () => countTerritories(ctx.db, query),
      );
    },
    territoryByCode: async (_: unknown, { code }: QueryTerritoryByCodeArgs, ctx: Context) =>
      (await findTerritories(ctx.db, { code: code.trim() }))[0] ?? null,

    async organizations(_: unknown, args: QueryOrganizationsArgs, ctx: Context) {
      const size = pageSize(args.first);
      const cursor = decodeCursor(args.after, [cursorPart.text, cursorPart.id]);
      const filter = args.filter ?? {};
      const query: OrganizationQuery = {
        kind: filter.kind as OrganizationRow['kind'] | undefined,
        territoryId: parseInput(optionalUuid, filter.territoryId),
        search: filter.search,
      };
      if (filter.networkCode)
        query.networkId = (await requireNetwork(ctx, filter.networkCode, 'filter.networkCode')).id;
      const after = cursor ? { searchName: cursor[0], id: cursor[1] } : null;
      const rows = await findOrganizationsPage(ctx.db, query, after, size + 1);
      return toConnection(
        rows,
        size,
        (o) => [o.searchName, o.id],
        () => countOrganizations(ctx.db, query),
      );
    },

    async actorMap(_: unknown, { networkCode }: QueryActorMapArgs, ctx: Context) {
      const network = await requireNetwork(ctx, networkCode);
      const map = await actorMapOf(ctx.db, network.id);
      for (const actor of map.actors) ctx.loaders.organization.prime(actor.id, actor);
      return { network, ...map };
    },

    async cartographyFeatures(_: unknown, args: QueryCartographyFeaturesArgs, ctx: Context) {
      const size = pageSize(args.first);
      const cursor = decodeCursor(args.after, [cursorPart.instant, cursorPart.id]);
      const filter = args.filter ?? {};
      const query = {
        networkId: filter.networkCode
          ? (await requireNetwork(ctx, filter.networkCode, 'filter.networkCode')).id
          : undefined,
        territoryId: parseInput(optionalUuid, filter.territoryId),
        kind: filter.kind as CartographyFeatureRow['kind'] | undefined,
      };
      const after = cursor ? { createdAt: cursor[0], id: cursor[1] } : null;
      const rows = await findFeaturesPage(ctx.db, query, after, size + 1);
      return toConnection(
        rows,
        size,
        (f) => [f.createdAt.toISOString(), f.id],
        () => countFeatures(ctx.db, query),
      );
    },
  },

  Mutation: {
    async createOrganization(_: unknown, { input }: MutationCreateOrganizationArgs, ctx: Context) {
      const data = parseInput(createOrganizationInput, input);
      const network = data.networkCode ? await requireNetwork(ctx, data.networkCode) : null;
      authorize(ctx.identity, 'createOrganization', inNetwork(network?.code ?? null), ACTOR_REFUSAL);
      const territoryIds = [...new Set(data.territoryIds ?? [])];
      await requireTerritories(ctx, territoryIds);
      const { networkCode: _code, territoryIds: _ids, ...fields } = data;
      return audited(
        ctx,
        (tx) =>
          insertOrganization(
            tx,
            {
              ...fields,
              networkId: network?.id ?? null,
              populationGroups: data.populationGroups ?? [],
              createdBy: ctx.identity.sub,
            },
            territoryIds,
          ),
        (row) => ({
          action: 'organization.created',
          entity: 'Organization',
          entityId: row.id,
          details: { kind: row.kind, network: network?.code ?? null },
        }),
      );
    },

    async updateOrganization(_: unknown, { input }: MutationUpdateOrganizationArgs, ctx: Context) {
      const data = parseInput(updateOrganizationInput, input);
      const organization = await requireOrganization(ctx, data.id);
      await requireActorWriter(ctx, 'updateOrganization', organization);
      const territoryIds = data.territoryIds ? [...new Set(data.territoryIds)] : undefined;
      if (territoryIds) await requireTerritories(ctx, territoryIds);
      // Only the fields the client sent change; an explicit null clears an optional field.
      const { id, territoryIds: _ids, ...fields } = data;
      const changes = Object.fromEntries(Object.entries(fields).filter(([key]) => key in input));
      if (changes.populationGroups === null) changes.populationGroups = [];
      return audited(
        ctx,
        async (tx) =>
          stillThere(await updateOrganizationRow(tx, id, changes, territoryIds), 'la organización', id),
        () => ({
          action: 'organization.updated',
          entity: 'Organization',
          entityId: id,
          details: { fields: [...Object.keys(changes), ...(territoryIds ? ['territoryIds'] : [])] },
        }),
      );
    },

    async relateActors(_: unknown, { input }: MutationRelateActorsArgs, ctx: Context) {
      const data = parseInput(relateActorsInput, input);
      const [from, to] = await Promise.all([
        ctx.loaders.organization.load(data.fromId),
        ctx.loaders.organization.load(data.toId),
      ]);
      if (!from) throw badUserInput('fromId', `Campo "fromId": no existe la organización ${data.fromId}.`);
      if (!to) throw badUserInput('toId', `Campo "toId": no existe la organización ${data.toId}.`);
      // Both ends are checked: a network's staff relate actors of their own network (or district ones).
      await requireActorWriter(ctx, 'relateActors', from, to);
      return audited(
        ctx,
        (tx) => upsertRelation(tx, { ...data, strength: data.strength ?? null }),
        (row) => ({
          action: 'actor_relation.saved',
          entity: 'ActorRelation',
          entityId: row.id,
          details: { kind: row.kind, strength: row.strength },
        }),
      );
    },

    async addRepresentation(_: unknown, { input }: MutationAddRepresentationArgs, ctx: Context) {
      const data = parseInput(addRepresentationInput, input);
      const organization = await ctx.loaders.organization.load(data.organizationId);
      if (!organization) {
        throw badUserInput(
          'organizationId',
          `Campo "organizationId": no existe la organización ${data.organizationId}.`,
        );
      }
      await requireActorWriter(ctx, 'addRepresentation', organization);
      return audited(
        ctx,
        (tx) => insertRepresentation(tx, { ...data, endDate: data.endDate ?? null }),
        (row) => ({
          action: 'representation.added',
          entity: 'Representation',
          entityId: row.id,
          details: { organizationId: row.organizationId, body: row.body },
        }),
      );
    },

    async endRepresentation(_: unknown, { input }: MutationEndRepresentationArgs, ctx: Context) {
      const data = parseInput(endRepresentationInput, input);
      const representation = await findRepresentation(ctx.db, data.id);
      if (!representation) throw notFound(`No existe la representación ${data.id}.`);
      await requireActorWriter(
        ctx,
        'endRepresentation',
        await requireOrganization(ctx, representation.organizationId),
      );
      if (data.endDate < representation.startDate) {
        throw badUserInput(
          'endDate',
          'Campo "endDate": la fecha de fin no puede ser anterior a la de inicio.',
        );
      }
      return audited(
        ctx,
        async (tx) =>
          stillThere(await setRepresentationEnd(tx, data.id, data.endDate), 'la representación', data.id),
        () => ({
          action: 'representation.ended',
          entity: 'Representation',
          entityId: data.id,
          details: { endDate: data.endDate },
        }),
      );
    },

    async addCartographyFeature(_: unknown, { input }: MutationAddCartographyFeatureArgs, ctx: Context) {
      const data = parseInput(addCartographyFeatureInput, input);
      const network = await requireNetwork(ctx, data.networkCode);
      authorize(
        ctx.identity,
        'addCartographyFeature',
        inNetwork(network.code),
        NETWORK_REFUSAL(network.code),
      );
      if (data.territoryId) await requireTerritories(ctx, [data.territoryId], 'territoryId');
      return audited(
        ctx,
        (tx) =>
          insertFeature(tx, {
            networkId: network.id,
            territoryId: data.territoryId ?? null,
            kind: data.kind,
            title: data.title,
            description: data.description ?? null,
            geometry: data.geometry,
            createdBy: ctx.identity.sub,
          }),
        (row) => ({
          action: 'cartography_feature.added',
          entity: 'CartographyFeature',
          entityId: row.id,
          details: { kind: row.kind },
        }),
      );
    },

    async createFacility(_: unknown, { input }: MutationCreateFacilityArgs, ctx: Context) {
      const data = parseInput(createFacilityInput, input);
      const network = await requireNetwork(ctx, data.networkCode);
      authorize(ctx.identity, 'createFacility', inNetwork(network.code), NETWORK_REFUSAL(network.code));
      if (data.territoryId) await requireTerritories(ctx, [data.territoryId], 'territoryId');
      return audited(
        ctx,
        async (tx) => {
          const row = await insertFacility(tx, {
            networkId: network.id,
            name: data.name,
            kind: data.kind,
            territoryId: data.territoryId ?? null,
            address: data.address ?? null,
          });
          if (!row)
            throw badUserInput('name', `Campo "name": la red ya tiene una sede llamada "${data.name}".`);
          return row;
        },
        (row) => ({
          action: 'facility.created',
          entity: 'Facility',
          entityId: row.id,
        }),
      );
    },

    async assignTerritoryToNetwork(_: unknown, args: MutationAssignTerritoryToNetworkArgs, ctx: Context) {
      authorize(ctx.identity, 'assignTerritoryToNetwork', {}, SECRETARIAT_ONLY);
      const territoryId = parseInput(z.object({ territoryId: uuid() }), args).territoryId;
      const [territory] = await requireTerritories(ctx, [territoryId], 'territoryId');
      if (territory!.kind !== 'COMUNA' && territory!.kind !== 'CORREGIMIENTO') {
        throw badUserInput(
          'territoryId',
          'Campo "territoryId": solo se asignan comunas y corregimientos a una red.',
        );
      }
      const network = await requireNetwork(ctx, args.networkCode);
      return audited(
        ctx,
        async (tx) =>
          stillThere(await assignTerritory(tx, territoryId, network.id), 'el territorio', territoryId),
        () => ({
          action: 'territory.assigned',
          entity: 'Territory',
          entityId: territoryId,
          details: { from: territory!.networkId, to: network.id },
        }),
      );
    },
  },

  Network: {
    __resolveReference: (ref: { id: string }, ctx: Context) => ctx.loaders.network.load(ref.id),
    async territories(network: NetworkRow, { kind }: NetworkTerritoriesArgs, ctx: Context) {
      const all = await ctx.loaders.territoriesOfNetwork.load(network.id);
      // Without a kind: the comunas and corregimientos the network serves, not every barrio.
      return kind ? all.filter((t) => t.kind === kind) : all.filter((t) => t.parentId === null);
    },
    facilities: (network: NetworkRow, _: Args, ctx: Context) =>
      ctx.loaders.facilitiesOfNetwork.load(network.id),
  },

  Territory: {
    __resolveReference: (ref: { id: string }, ctx: Context) => ctx.loaders.territory.load(ref.id),
    network: (t: TerritoryRow, _: Args, ctx: Context) =>
      t.networkId ? ctx.loaders.network.load(t.networkId) : null,
    parent: (t: TerritoryRow, _: Args, ctx: Context) =>
      t.parentId ? ctx.loaders.territory.load(t.parentId) : null,
    children: (t: TerritoryRow, _: Args, ctx: Context) => ctx.loaders.childrenOfTerritory.load(t.id),
  },

  Facility: {
    __resolveReference: (ref: { id: string }, ctx: Context) => ctx.loaders.facility.load(ref.id),
    network: (f: FacilityRow, _: Args, ctx: Context) => loadReferenced(ctx.loaders.network, f.networkId),
    territory: (f: FacilityRow, _: Args, ctx: Context) =>
      f.territoryId ? ctx.loaders.territory.load(f.territoryId) : null,
    auditTrail: auditTrailField<FacilityRow, Context>('Facility', (f, ctx) =>
      networkCodeOf(ctx, f.networkId),
    ),
  },

  Organization: {
    __resolveReference: (ref: { id: string }, ctx: Context) => ctx.loaders.organization.load(ref.id),
    network: (o: OrganizationRow, _: Args, ctx: Context) =>
      o.networkId ? ctx.loaders.network.load(o.networkId) : null,
    async territories(o: OrganizationRow, _: Args, ctx: Context) {
      const links = await ctx.loaders.territoryLinksOfOrganization.load(o.id);
      return loadExisting(
        ctx.loaders.territory,
        links.map((l) => l.territoryId),
      );
    },
    quadrant: (o: OrganizationRow) => actorQuadrant(o.influence, o.interest),
    contactEmail: onlyFor(mayReadOrganizationContact, (o: OrganizationRow) => o.contactEmail),
    contactPhone: onlyFor(mayReadOrganizationContact, (o: OrganizationRow) => o.contactPhone),
    async representations(o: OrganizationRow, { activeOnly }: OrganizationRepresentationsArgs, ctx: Context) {
      const rows = await ctx.loaders.representationsOfOrganization.load(o.id);
      if (!activeOnly) return rows;
      const today = todayInBogota();
      return rows.filter((r) => isRepresentationActive(r.startDate, r.endDate, today));
    },
    auditTrail: auditTrailField<OrganizationRow, Context>('Organization', (o, ctx) =>
      networkCodeOf(ctx, o.networkId),
    ),
  },

  ActorRelation: {
    from: (r: ActorRelationRow, _: Args, ctx: Context) => loadReferenced(ctx.loaders.organization, r.fromId),
    to: (r: ActorRelationRow, _: Args, ctx: Context) => loadReferenced(ctx.loaders.organization, r.toId),
  },

  Representation: {
    organization: (r: RepresentationRow, _: Args, ctx: Context) => requireOrganization(ctx, r.organizationId),
    active: (r: RepresentationRow) => isRepresentationActive(r.startDate, r.endDate, todayInBogota()),
    contactEmail: onlyFor(canSeeRepresentativeContact, (r: RepresentationRow) => r.contactEmail),
    contactPhone: onlyFor(canSeeRepresentativeContact, (r: RepresentationRow) => r.contactPhone),
  },

  CartographyFeature: {
    network: (f: CartographyFeatureRow, _: Args, ctx: Context) =>
      loadReferenced(ctx.loaders.network, f.networkId),
    territory: (f: CartographyFeatureRow, _: Args, ctx: Context) =>
      f.territoryId ? ctx.loaders.territory.load(f.territoryId) : null,
  },
} satisfies Resolvers;

/** A representative's own contact is personal data: staff of the actor's network (district actors: the secretariat). */
/** A representative's contact is a person's data: a read that shows one is logged first. */
async function canSeeRepresentativeContact(r: RepresentationRow, ctx: Context): Promise<boolean> {
  const organization = await ctx.loaders.organization.load(r.organizationId);
  const code = await networkCodeOf(ctx, organization?.networkId ?? null);
  if (!may(ctx.identity, 'Representation.contact', inNetwork(code))) return false;
  if (r.contactEmail || r.contactPhone)
    await ctx.loaders.personalDataReads.record('Organization', r.organizationId, r.id);
  return true;
}
