import { CHILD_TERRITORIES, COMUNAS, CORREGIMIENTOS, childCode, NETWORKS, type NetworkCode } from './cali.ts';
import { stableId } from './ids.ts';

/**
 * Cali's networks and territories with stable ids, shared by every subgraph.
 *
 * The territory subgraph owns `Network` and `Territory`, but a subgraph never reads another's
 * tables, and every subgraph must turn `networkCode: "CENTRO"` into the id it stores and check that
 * a `territoryId` exists. This fixed reference data is what makes that possible without a network
 * call: ids are UUIDv5 of the code, the same in every database and every deployment.
 */
export const referenceId = (kind: 'network' | 'territory', code: string): string => stableId(kind, code);

export interface ReferenceNetwork {
  id: string;
  code: NetworkCode;
  name: string;
}

export interface ReferenceTerritory {
  id: string;
  code: string;
  name: string;
  kind: 'COMUNA' | 'CORREGIMIENTO' | 'BARRIO' | 'VEREDA';
  /** The network that serves it by default (the secretariat may reassign it in the territory subgraph). */
  networkCode: NetworkCode;
  parentCode: string | null;
}

export const REFERENCE_NETWORKS: readonly ReferenceNetwork[] = NETWORKS.map((n) => ({
  ...n,
  id: referenceId('network', n.code),
}));

export const REFERENCE_TERRITORIES: readonly ReferenceTerritory[] = [
  ...COMUNAS.map((c) => ({ ...c, kind: 'COMUNA' as const })),
  ...CORREGIMIENTOS.map((c) => ({ ...c, kind: 'CORREGIMIENTO' as const })),
].flatMap(({ code, name, kind, network }) => {
  const children = CHILD_TERRITORIES[code];
  const parent: ReferenceTerritory = {
    id: referenceId('territory', code),
    code,
    name,
    kind,
    networkCode: network,
    parentCode: null,
  };
  return [
    parent,
    ...(children?.names ?? []).map((childName, i) => ({
      id: referenceId('territory', childCode(code, i)),
      code: childCode(code, i),
      name: childName,
      kind: children!.kind,
      networkCode: network,
      parentCode: code,
    })),
  ];
});

const networksByCode = new Map(REFERENCE_NETWORKS.map((n) => [n.code as string, n]));
const networksById = new Map(REFERENCE_NETWORKS.map((n) => [n.id, n]));
const territoriesById = new Map(REFERENCE_TERRITORIES.map((t) => [t.id, t]));
const territoriesByCode = new Map(REFERENCE_TERRITORIES.map((t) => [t.code, t]));

export const NETWORK_CODES = NETWORKS.map((n) => n.code);
export type { NetworkCode };

export function networkByCode(code: string): ReferenceNetwork | undefined {
  return networksByCode.get(code);
}
export function networkById(id: string): ReferenceNetwork | undefined {
  return networksById.get(id);
}
export function territoryById(id: string): ReferenceTerritory | undefined {
  return territoriesById.get(id);
}
export function territoryByCode(code: string): ReferenceTerritory | undefined {
  return territoriesByCode.get(code.trim().toUpperCase());
}

export {
  DEMO_FACILITIES,
  type DemoFacilityName,
  type DemoPlanKey,
  demoActivityId,
  demoFacilityId,
  demoOrganizationId,
  demoRecordId,
  demoServiceOfferingId,
} from './demo.ts';
export * from './require.ts';
