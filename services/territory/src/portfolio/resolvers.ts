import { auditTrailField } from '@participa/audit-trail';
import { writeWithAudit } from '@participa/db';
import { requireNetwork } from '@participa/reference';
import {
  badUserInput,
  conflict,
  cursorPart,
  decodeCursor,
  loadReferenced,
  notFound,
  pageSize,
  parseInput,
  toConnection,
  z,
} from '@participa/subgraph-kit';
import type { Context } from '../context.ts';
import { auditEvents, type FacilityRow, type ServiceOfferingRow } from '../db/schema.ts';
import type {
  MutationCreateServiceOfferingArgs,
  MutationUpdateServiceOfferingArgs,
  MutationWithdrawServiceOfferingArgs,
  QueryServiceOfferingArgs,
  QueryServiceOfferingsArgs,
  Resolvers,
} from '../generated/resolvers-types.ts';
import { requirePortfolioWriter } from './access.ts';
import {
  countOfferings,
  findOfferingsPage,
  insertOffering,
  type OfferingQuery,
  offeringClashes,
  updateOffering,
} from './data.ts';
import {
  createServiceOfferingInput,
  offeringId,
  serviceOfferingFilter,
  updateServiceOfferingInput,
} from './validation.ts';

const MODALITY_NAMES: Record<ServiceOfferingRow['modality'], string> = {
  INTRAMURAL: 'intramural',
  EXTRAMURAL: 'extramural',
  TELEMEDICINE: 'telemedicina',
  HOME: 'domiciliaria',
};

async function networkCodeOfFacility(ctx: Context, facility: FacilityRow): Promise<string> {
  const network = await ctx.loaders.network.load(facility.networkId);
  if (!network) throw new Error(`facility ${facility.id} of unknown network`);
  return network.code;
}

async function facilityOf(ctx: Context, offering: ServiceOfferingRow): Promise<FacilityRow> {
  const facility = await ctx.loaders.facility.load(offering.facilityId);
  if (!facility) throw new Error(`service offering ${offering.id} of unknown facility`);
  return facility;
}

/** The service to change, after checking the caller maintains its facility's portfolio. */
async function writableOffering(ctx: Context, id: string): Promise<ServiceOfferingRow> {
  const offering = await ctx.loaders.serviceOffering.load(id);
  if (!offering) throw notFound(`No existe el servicio ${id} en el portafolio.`);
  requirePortfolioWriter(ctx.identity, await networkCodeOfFacility(ctx, await facilityOf(ctx, offering)));
  return offering;
}

const duplicate = (name: string, modality: ServiceOfferingRow['modality']) =>
  conflict(`La sede ya ofrece "${name}" en modalidad ${MODALITY_NAMES[modality]}.`);

function audited(
  ctx: Context,
  action: string,
  write: (tx: Context['db']) => Promise<ServiceOfferingRow>,
  details: (row: ServiceOfferingRow) => Record<string, unknown> = () => ({}),
) {
  return writeWithAudit(ctx.db, auditEvents, ctx.identity.sub, write, (row) => ({
    action,
    entity: 'ServiceOffering',
    entityId: row.id,
    details: details(row),
  }));
}

export const portfolioResolvers = {
  Query: {
    async serviceOfferings(_: unknown, args: QueryServiceOfferingsArgs, ctx: Context) {
      const filter = parseInput(serviceOfferingFilter, args.filter) ?? {};
      const size = pageSize(args.first);
      const cursor = decodeCursor(args.after, [cursorPart.text, cursorPart.id]);
      const query: OfferingQuery = {
        search: filter.search,
        territoryId: filter.territoryId,
        facilityId: filter.facilityId,
        modality: filter.modality,
        networkId: filter.networkCode
          ? requireNetwork(filter.networkCode, 'filter.networkCode').id
          : undefined,
      };
      const after = cursor ? { searchName: cursor[0], id: cursor[1] } : null;
      const rows = await findOfferingsPage(ctx.db, query, after, size + 1);
      for (const row of rows) ctx.loaders.serviceOffering.prime(row.id, row);
      return toConnection(
        rows,
        size,
        (o) => [o.searchName, o.id],
        () => countOfferings(ctx.db, query),
      );
    },
    serviceOffering: (_: unknown, { id }: QueryServiceOfferingArgs, ctx: Context) =>
      offeringId.safeParse(id).success ? ctx.loaders.serviceOffering.load(id) : null,
  },

  Mutation: {
    async createServiceOffering(_: unknown, { input }: MutationCreateServiceOfferingArgs, ctx: Context) {
      const data = parseInput(createServiceOfferingInput, input);
      const facility = await ctx.loaders.facility.load(data.facilityId);
      if (!facility)
        throw badUserInput('facilityId', `Campo "facilityId": no existe la sede ${data.facilityId}.`);
      requirePortfolioWriter(ctx.identity, await networkCodeOfFacility(ctx, facility));
      return audited(
        ctx,
        'service_offering.created',
        async (tx) => {
          const row = await insertOffering(tx, {
            ...data,
            description: data.description ?? null,
            createdBy: ctx.identity.sub,
          });
          if (!row) throw duplicate(data.name, data.modality);
          return row;
        },
        (row) => ({ facilityId: row.facilityId, modality: row.modality }),
      );
    },

    async updateServiceOffering(_: unknown, { input }: MutationUpdateServiceOfferingArgs, ctx: Context) {
      const { id, ...fields } = parseInput(updateServiceOfferingInput, input);
      const offering = await writableOffering(ctx, id);
      // Only the fields the client sent change; an explicit null clears the description.
      const changes = Object.fromEntries(Object.entries(fields).filter(([key]) => key in input));
      const name = fields.name ?? offering.name;
      const modality = fields.modality ?? offering.modality;
      return audited(
        ctx,
        'service_offering.updated',
        async (tx) => {
          if (await offeringClashes(tx, offering, name, modality)) throw duplicate(name, modality);
          return updateOffering(tx, id, changes);
        },
        () => ({ fields: Object.keys(changes) }),
      );
    },

    async withdrawServiceOffering(_: unknown, { id }: MutationWithdrawServiceOfferingArgs, ctx: Context) {
      const offering = await writableOffering(ctx, parseInput(z.object({ id: offeringId }), { id }).id);
      if (offering.withdrawnAt) return offering;
      return audited(ctx, 'service_offering.withdrawn', (tx) =>
        updateOffering(tx, offering.id, { withdrawnAt: new Date() }),
      );
    },
  },

  Facility: {
    services: (f: FacilityRow, _: unknown, ctx: Context) => ctx.loaders.servicesOfFacility.load(f.id),
  },

  ServiceOffering: {
    __resolveReference: (ref: { id: string }, ctx: Context) => ctx.loaders.serviceOffering.load(ref.id),
    facility: (o: ServiceOfferingRow, _: unknown, ctx: Context) => facilityOf(ctx, o),
    network: async (o: ServiceOfferingRow, _: unknown, ctx: Context) =>
      loadReferenced(ctx.loaders.network, (await facilityOf(ctx, o)).networkId),
    async territory(o: ServiceOfferingRow, _: unknown, ctx: Context) {
      const { territoryId } = await facilityOf(ctx, o);
      return territoryId ? ctx.loaders.territory.load(territoryId) : null;
    },
    withdrawn: (o: ServiceOfferingRow) => o.withdrawnAt !== null,
    auditTrail: auditTrailField<ServiceOfferingRow, Context>('ServiceOffering', async (o, ctx) =>
      networkCodeOfFacility(ctx, await facilityOf(ctx, o)),
    ),
  },
} satisfies Resolvers;
