import { recordAudit } from '@participa/db';
import {
  authorize,
  badUserInput,
  inNetwork,
  notYourNetwork,
  parseInput,
  uuid,
  z,
} from '@participa/subgraph-kit';
import { type Context, networkCodeOf, requireWorkshop } from './context.ts';
import { setWorkshopServices } from './data/portfolio.ts';
import { auditEvents, type WorkshopRow } from './db/schema.ts';
import type { MutationPresentServicesAtWorkshopArgs, Resolvers } from './generated/resolvers-types.ts';

/**
 * Workshops that socialize the portafolio de servicios name the services they present. The
 * services belong to the territory subgraph: this one stores their ids and returns stubs.
 */
const presentServicesInput = z.object({
  workshopId: uuid(),
  serviceOfferingIds: z.array(uuid()).max(50, 'admite hasta 50 servicios'),
});

async function presentServices(ctx: Context, raw: unknown): Promise<WorkshopRow> {
  const data = parseInput(presentServicesInput, raw);
  const workshop = await requireWorkshop(ctx, data.workshopId, 'workshopId');
  const code = networkCodeOf(workshop);
  authorize(ctx.identity, 'presentServicesAtWorkshop', inNetwork(code), notYourNetwork(code));
  if (workshop.topic !== 'SERVICE_PORTFOLIO') {
    throw badUserInput(
      'workshopId',
      'Campo "workshopId": solo los talleres de portafolio de servicios (SERVICE_PORTFOLIO) presentan servicios.',
    );
  }
  const ids = [...new Set(data.serviceOfferingIds)];
  await ctx.db.transaction(async (tx) => {
    await setWorkshopServices(tx, workshop.id, ids);
    await recordAudit(tx, auditEvents, {
      actor: ctx.identity.sub,
      action: 'workshop.services_presented',
      entity: 'Workshop',
      entityId: workshop.id,
      details: { serviceOfferingIds: ids },
    });
  });
  ctx.loaders.servicesOfWorkshop.clear(workshop.id);
  return workshop;
}

export const portfolioResolvers = {
  Mutation: {
    presentServicesAtWorkshop: (_: unknown, args: MutationPresentServicesAtWorkshopArgs, ctx: Context) =>
      presentServices(ctx, args),
  },
  Workshop: {
    servicesPresented: async (w: WorkshopRow, _: unknown, ctx: Context) =>
      (await ctx.loaders.servicesOfWorkshop.load(w.id)).map((link) => ({
        __typename: 'ServiceOffering',
        id: link.serviceOfferingId,
      })),
  },
} satisfies Resolvers;
