import { badUserInput } from '@participa/subgraph-kit';
import { NETWORK_CODES, networkByCode, type ReferenceNetwork, territoryById } from './index.ts';

/** The network of a code from client input, or a BAD_USER_INPUT naming the field. */
export function requireNetwork(code: unknown, field = 'networkCode'): ReferenceNetwork {
  const network = typeof code === 'string' ? networkByCode(code) : undefined;
  if (!network)
    throw badUserInput(
      field,
      `Campo "${field}": la red "${String(code)}" no existe (redes: ${NETWORK_CODES.join(', ')}).`,
    );
  return network;
}

/** Checks an optional territory id from client input against Cali's territories. */
export function requireTerritoryId(id: string | null | undefined, field = 'territoryId'): string | null {
  if (!id) return null;
  if (!territoryById(id)) throw badUserInput(field, `Campo "${field}": no existe el territorio ${id}.`);
  return id;
}
