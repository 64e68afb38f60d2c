import type { Identity } from '@participa/auth';
import { networkById } from '@participa/reference';
import { badUserInput, inNetwork, may, notFound, type ServiceContext } from '@participa/subgraph-kit';
import type { schema } from './db/index.ts';
import type { WorkshopRow } from './db/schema.ts';
import type { Loaders } from './loaders.ts';

export type Context = ServiceContext<typeof schema, Loaders>;

export function networkCodeOf(workshop: Pick<WorkshopRow, 'networkId'>): string {
  return networkById(workshop.networkId)?.code ?? '';
}

export async function requireWorkshop(ctx: Context, id: string, field?: string): Promise<WorkshopRow> {
  const row = await ctx.loaders.workshop.load(id);
  if (row) return row;
  if (field) throw badUserInput(field, `Campo "${field}": no existe el taller ${id}.`);
  throw notFound(`No existe el taller ${id}.`);
}

/** Identities and characterization of participants: personal data (see the policy). */
export function canSeeParticipants(identity: Identity, workshop: Pick<WorkshopRow, 'networkId'>): boolean {
  return may(identity, 'Registration.participant', inNetwork(networkCodeOf(workshop)));
}

/** Aggregates carry no names, but small groups could still point at people: no anonymous readers. */
export const STATS_REFUSAL =
  'Solo el personal de las redes, la Secretaría de Salud y los procesos del sistema ven estas cifras.';
