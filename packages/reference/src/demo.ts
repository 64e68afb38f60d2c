import type { NetworkCode } from './cali.ts';
import { stableId } from './ids.ts';

/**
 * Ids of demo records that one subgraph seeds and another subgraph's demo data points at
 * (responsible organizations, workshop venues, the plan activity a workshop carries out). A subgraph
 * never reads another's tables, so such links only hold if every seed computes the same id:
 * a stable id of the record's kind and key, as for the reference data.
 */
type DemoKind =
  | 'organization'
  | 'facility'
  | 'activity'
  | 'service_offering'
  | 'survey'
  | 'consultation'
  | 'campaign';
const demoId = (kind: DemoKind, key: string): string => stableId(kind, key);

/** A demo organization the territory subgraph seeds, by its seed key (`asou-CENTRO`, `secretaria`, …). */
export const demoOrganizationId = (key: string): string => demoId('organization', key);

/**
 * The facilities the territory subgraph seeds for `npm start`. Listed here, not in territory, because
 * other demo data needs them too: education's workshop venues, the facility a demo PQRS names.
 */
export const DEMO_FACILITIES = [
  { network: 'CENTRO', name: 'Hospital Primitivo Iglesias', kind: 'HOSPITAL', territoryCode: 'C08' },
  { network: 'CENTRO', name: 'Centro de Salud Obrero', kind: 'CENTRO_SALUD', territoryCode: 'C09' },
  { network: 'CENTRO', name: 'Centro de Salud Cristóbal Colón', kind: 'CENTRO_SALUD', territoryCode: 'C10' },
  { network: 'CENTRO', name: 'Centro de Salud Panamericano', kind: 'CENTRO_SALUD', territoryCode: 'C10' },
  { network: 'CENTRO', name: 'Centro de Salud Luis H. Garcés', kind: 'CENTRO_SALUD', territoryCode: 'C11' },
  { network: 'CENTRO', name: 'Centro de Salud El Rodeo', kind: 'CENTRO_SALUD', territoryCode: 'C12' },
  { network: 'CENTRO', name: 'Centro de Salud Bello Horizonte', kind: 'CENTRO_SALUD', territoryCode: 'C12' },
  { network: 'NORTE', name: 'Hospital Joaquín Paz Borrero', kind: 'HOSPITAL', territoryCode: 'C06' },
  { network: 'NORTE', name: 'Centro de Salud Popular', kind: 'CENTRO_SALUD', territoryCode: 'C04' },
  { network: 'NORTE', name: 'Centro de Salud Petecuy', kind: 'CENTRO_SALUD', territoryCode: 'C06' },
  { network: 'NORTE', name: 'Centro de Salud Siete de Agosto', kind: 'CENTRO_SALUD', territoryCode: 'C07' },
  { network: 'ORIENTE', name: 'Hospital Carlos Holmes Trujillo', kind: 'HOSPITAL', territoryCode: 'C14' },
  { network: 'ORIENTE', name: 'Centro de Salud Manuela Beltrán', kind: 'CENTRO_SALUD', territoryCode: 'C14' },
  { network: 'ORIENTE', name: 'Centro de Salud El Vallado', kind: 'CENTRO_SALUD', territoryCode: 'C15' },
  { network: 'ORIENTE', name: 'Centro de Salud Desepaz', kind: 'CENTRO_SALUD', territoryCode: 'C21' },
  { network: 'LADERA', name: 'Hospital Cañaveralejo', kind: 'HOSPITAL', territoryCode: 'C19' },
  { network: 'LADERA', name: 'Centro de Salud Siloé', kind: 'CENTRO_SALUD', territoryCode: 'C20' },
  { network: 'LADERA', name: 'Centro de Salud Meléndez', kind: 'CENTRO_SALUD', territoryCode: 'C18' },
  { network: 'LADERA', name: 'Centro de Salud Terrón Colorado', kind: 'CENTRO_SALUD', territoryCode: 'C01' },
  { network: 'LADERA', name: 'Puesto de Salud Pance', kind: 'PUESTO_SALUD', territoryCode: 'R53' },
  { network: 'LADERA', name: 'Puesto de Salud Los Andes', kind: 'PUESTO_SALUD', territoryCode: 'R56' },
  { network: 'SURORIENTE', name: 'Hospital Carlos Carmona Montoya', kind: 'HOSPITAL', territoryCode: 'C16' },
  {
    network: 'SURORIENTE',
    name: 'Centro de Salud Mariano Ramos',
    kind: 'CENTRO_SALUD',
    territoryCode: 'C16',
  },
  {
    network: 'SURORIENTE',
    name: 'Centro de Salud Unión de Vivienda Popular',
    kind: 'CENTRO_SALUD',
    territoryCode: 'C16',
  },
] as const satisfies readonly { network: NetworkCode; name: string; kind: string; territoryCode: string }[];

export type DemoFacilityName = (typeof DEMO_FACILITIES)[number]['name'];

/** A demo facility by its name (unique across the list), typed so a misspelt venue does not compile. */
export const demoFacilityId = (name: DemoFacilityName): string => demoId('facility', name);

/** The planning subgraph's demo plans, by network and year. */
export type DemoPlanKey = `${NetworkCode}-${number}`;

/** The activity at `position` (1-based, as in the plan) of a demo plan, e.g. `('CENTRO-2023', 2)`. */
export const demoActivityId = (plan: DemoPlanKey, position: number): string =>
  demoId('activity', `${plan}:${position}`);

/**
 * A service of a demo facility's portfolio, by facility and service name (one modality each in the
 * demo): the territory subgraph seeds it, education's demo portfolio workshop presents it.
 */
export const demoServiceOfferingId = (facility: DemoFacilityName, service: string): string =>
  demoId('service_offering', `${facility}:${service}`);

/**
 * Demo records of one subgraph that no other points at, by kind and seed key: a stable id is how
 * their seed stays idempotent (a second start finds them and adds nothing).
 */
export const demoRecordId = (kind: 'survey' | 'consultation' | 'campaign', key: string): string =>
  demoId(kind, key);
