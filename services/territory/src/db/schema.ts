import { auditTable } from '@participa/db';
import { sql } from 'drizzle-orm';
import {
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';

export const territorySchema = pgSchema('territory');

export const territoryKind = territorySchema.enum('territory_kind', [
  'COMUNA',
  'CORREGIMIENTO',
  'BARRIO',
  'VEREDA',
]);
export const facilityKind = territorySchema.enum('facility_kind', [
  'HOSPITAL',
  'CENTRO_SALUD',
  'PUESTO_SALUD',
  'SEDE_ADMINISTRATIVA',
]);
export const organizationKind = territorySchema.enum('organization_kind', [
  'ASOCIACION_USUARIOS',
  'COPACO',
  'VEEDURIA',
  'COMITE_ETICA',
  'JUNTA_ACCION_COMUNAL',
  'ORGANIZACION_SOCIAL',
  'INSTITUCION_PUBLICA',
  'EPS',
  'ACADEMIA',
  'OTRA',
]);
export const actorPosition = territorySchema.enum('actor_position', ['SUPPORTS', 'NEUTRAL', 'OPPOSES']);
export const cartographyKind = territorySchema.enum('cartography_kind', [
  'PROBLEM',
  'RESOURCE',
  'RISK_ZONE',
  'ASSET',
]);

// Millisecond precision: timestamps round-trip through JS Dates exactly (keyset cursors rely on it).
const createdAt = () => timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow();

export const networks = territorySchema.table('networks', {
  id: uuid().primaryKey().defaultRandom(),
  code: text().notNull().unique(),
  name: text().notNull(),
  createdAt: createdAt(),
});

export const territories = territorySchema.table(
  'territories',
  {
    id: uuid().primaryKey().defaultRandom(),
    code: text().notNull().unique(),
    name: text().notNull(),
    kind: territoryKind().notNull(),
    networkId: uuid('network_id').references(() => networks.id),
    parentId: uuid('parent_id'),
    createdAt: createdAt(),
  },
  (t) => [
    index('territories_network_idx').on(t.networkId),
    index('territories_parent_idx').on(t.parentId),
    foreignKey({ name: 'territories_parent_fk', columns: [t.parentId], foreignColumns: [t.id] }),
  ],
);

export const facilities = territorySchema.table(
  'facilities',
  {
    id: uuid().primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id),
    territoryId: uuid('territory_id').references(() => territories.id),
    name: text().notNull(),
    kind: facilityKind().notNull(),
    address: text(),
    createdAt: createdAt(),
  },
  (t) => [
    unique('facilities_network_name_key').on(t.networkId, t.name),
    index('facilities_network_idx').on(t.networkId),
  ],
);

export const organizations = territorySchema.table(
  'organizations',
  {
    id: uuid().primaryKey().defaultRandom(),
    networkId: uuid('network_id').references(() => networks.id),
    name: text().notNull(),
    /** Lower case without accents, so "asociacion" finds "Asociación". */
    searchName: text('search_name').notNull(),
    kind: organizationKind().notNull(),
    description: text(),
    populationGroups: text('population_groups').array().notNull().default(sql`'{}'::text[]`),
    influence: integer(),
    interest: integer(),
    position: actorPosition(),
    contactEmail: text('contact_email'),
    contactPhone: text('contact_phone'),
    createdBy: text('created_by'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('organizations_network_idx').on(t.networkId),
    index('organizations_sort_idx').on(t.searchName, t.id),
    check('organizations_influence_range', sql`${t.influence} BETWEEN 1 AND 5`),
    check('organizations_interest_range', sql`${t.interest} BETWEEN 1 AND 5`),
  ],
);

export const organizationTerritories = territorySchema.table(
  'organization_territories',
  {
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    territoryId: uuid('territory_id')
      .notNull()
      .references(() => territories.id),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.territoryId] }),
    index('org_territories_territory_idx').on(t.territoryId),
  ],
);

export const actorRelations = territorySchema.table(
  'actor_relations',
  {
    id: uuid().primaryKey().defaultRandom(),
    fromId: uuid('from_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    toId: uuid('to_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    kind: text().notNull(),
    strength: integer(),
    createdAt: createdAt(),
  },
  (t) => [
    unique('actor_relations_pair_kind_key').on(t.fromId, t.toId, t.kind),
    index('actor_relations_to_idx').on(t.toId),
    check('actor_relations_not_self', sql`${t.fromId} <> ${t.toId}`),
    check('actor_relations_strength_range', sql`${t.strength} BETWEEN 1 AND 5`),
  ],
);

export const representations = territorySchema.table(
  'representations',
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    personName: text('person_name').notNull(),
    contactEmail: text('contact_email'),
    contactPhone: text('contact_phone'),
    body: text().notNull(),
    role: text().notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('representations_organization_idx').on(t.organizationId),
    check('representations_period', sql`${t.endDate} IS NULL OR ${t.endDate} >= ${t.startDate}`),
  ],
);

export const cartographyFeatures = territorySchema.table(
  'cartography_features',
  {
    id: uuid().primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id),
    territoryId: uuid('territory_id').references(() => territories.id),
    kind: cartographyKind().notNull(),
    title: text().notNull(),
    description: text(),
    /** A GeoJSON geometry (Point, LineString or Polygon), validated before it is stored. */
    geometry: jsonb().notNull(),
    createdBy: text('created_by'),
    createdAt: createdAt(),
  },
  (t) => [index('cartography_network_idx').on(t.networkId, t.createdAt)],
);

export const auditEvents = auditTable(territorySchema);

/** How a service reaches people: at the sede, out in the territory, at a distance or at home. */
export const serviceModality = territorySchema.enum('service_modality', [
  'INTRAMURAL',
  'EXTRAMURAL',
  'TELEMEDICINE',
  'HOME',
]);

/** The portafolio de servicios: what each facility offers, and how a citizen gets it. */
export const serviceOfferings = territorySchema.table(
  'service_offerings',
  {
    id: uuid().primaryKey().defaultRandom(),
    facilityId: uuid('facility_id')
      .notNull()
      .references(() => facilities.id),
    name: text().notNull(),
    /** Lower case without accents, so "vacunacion" finds "Vacunación". */
    searchName: text('search_name').notNull(),
    modality: serviceModality().notNull(),
    description: text(),
    schedule: text().notNull(),
    howToRequest: text('how_to_request').notNull(),
    populationServed: text('population_served').notNull(),
    /** Withdrawn services leave the public portfolio but keep resolving (workshops cite them). */
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true, precision: 3 }),
    createdBy: text('created_by'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    unique('service_offerings_facility_service_key').on(t.facilityId, t.searchName, t.modality),
    index('service_offerings_sort_idx').on(t.searchName, t.id),
  ],
);

export type NetworkRow = typeof networks.$inferSelect;
export type TerritoryRow = typeof territories.$inferSelect;
export type FacilityRow = typeof facilities.$inferSelect;
export type OrganizationRow = typeof organizations.$inferSelect;
export type ActorRelationRow = typeof actorRelations.$inferSelect;
export type RepresentationRow = typeof representations.$inferSelect;
export type CartographyFeatureRow = typeof cartographyFeatures.$inferSelect;
export type ServiceOfferingRow = typeof serviceOfferings.$inferSelect;
