import {
  calendarDate,
  email as kitEmail,
  networkCode as kitNetworkCode,
  phone as kitPhone,
  optionalText,
  text,
  uuid,
  z,
} from '@participa/subgraph-kit';
import { check as checkGeoJson } from '@placemarkio/check-geojson';
import { actorPosition, cartographyKind, facilityKind, organizationKind } from './db/schema.ts';

const POPULATION_GROUPS = [
  'MUJERES',
  'NINEZ_ADOLESCENCIA',
  'JUVENTUD',
  'PERSONAS_MAYORES',
  'PERSONAS_CON_DISCAPACIDAD',
  'INDIGENAS',
  'AFRODESCENDIENTES',
  'VICTIMAS_CONFLICTO',
  'MIGRANTES',
  'LGBTIQ',
  'POBLACION_RURAL',
  'POBLACION_GENERAL',
] as const;

const scale = z
  .number()
  .int('debe ser un número entero')
  .min(1, 'debe estar entre 1 y 5')
  .max(5, 'debe estar entre 1 y 5');
const networkCode = kitNetworkCode();
const email = kitEmail();
const phone = kitPhone();
const isoDate = calendarDate();

const organizationFields = {
  name: text(200),
  kind: z.enum(organizationKind.enumValues),
  description: optionalText(2000),
  territoryIds: z.array(uuid()).max(50).nullish(),
  populationGroups: z.array(z.enum(POPULATION_GROUPS)).nullish(),
  influence: scale.nullish(),
  interest: scale.nullish(),
  position: z.enum(actorPosition.enumValues).nullish(),
  contactEmail: email.nullish(),
  contactPhone: phone.nullish(),
};

export const createOrganizationInput = z.object({
  networkCode: networkCode.nullish(),
  ...organizationFields,
});
export type CreateOrganizationInput = z.output<typeof createOrganizationInput>;

export const updateOrganizationInput = z.object({
  id: uuid(),
  ...organizationFields,
  name: organizationFields.name.optional(),
  kind: organizationFields.kind.optional(),
});
export type UpdateOrganizationInput = z.output<typeof updateOrganizationInput>;

export const relateActorsInput = z
  .object({
    fromId: uuid(),
    toId: uuid(),
    kind: text(60).transform((value) => value.toLowerCase()),
    strength: scale.nullish(),
  })
  .refine((input) => input.fromId !== input.toId, {
    path: ['toId'],
    message: 'un actor no puede relacionarse consigo mismo',
  });
export type RelateActorsInput = z.output<typeof relateActorsInput>;

export const addRepresentationInput = z
  .object({
    organizationId: uuid(),
    personName: text(200),
    contactEmail: email.nullish(),
    contactPhone: phone.nullish(),
    body: text(200),
    role: text(120),
    startDate: isoDate,
    endDate: isoDate.nullish(),
  })
  .refine((input) => !input.endDate || input.endDate >= input.startDate, {
    path: ['endDate'],
    message: 'la fecha de fin no puede ser anterior a la de inicio',
  });
export type AddRepresentationInput = z.output<typeof addRepresentationInput>;

export const endRepresentationInput = z.object({ id: uuid(), endDate: isoDate });

export const createFacilityInput = z.object({
  networkCode,
  name: text(200),
  kind: z.enum(facilityKind.enumValues),
  territoryId: uuid().nullish(),
  address: optionalText(300),
});
export type CreateFacilityInput = z.output<typeof createFacilityInput>;

const ALLOWED_GEOMETRIES = new Set(['Point', 'LineString', 'Polygon']);

/** GeoJSON as RFC 7946 defines it (checked by @placemarkio/check-geojson), of the three kinds drawn. */
const geometry = z.unknown().superRefine((value, ctx) => {
  if (
    typeof value !== 'object' ||
    value === null ||
    !ALLOWED_GEOMETRIES.has((value as { type?: string }).type ?? '')
  ) {
    ctx.addIssue({
      code: 'custom',
      message: 'debe ser una geometría GeoJSON de tipo Point, LineString o Polygon',
    });
    return;
  }
  try {
    checkGeoJson(JSON.stringify(value));
  } catch (error) {
    const issues = (error as { issues?: { message: string }[] }).issues;
    ctx.addIssue({
      code: 'custom',
      message: `GeoJSON no válido: ${issues?.[0]?.message ?? 'estructura incorrecta'}`,
    });
  }
});

export const addCartographyFeatureInput = z.object({
  networkCode,
  territoryId: uuid().nullish(),
  kind: z.enum(cartographyKind.enumValues),
  title: text(200),
  description: optionalText(4000),
  geometry,
});
export type AddCartographyFeatureInput = z.output<typeof addCartographyFeatureInput>;

export const networkCodeInput = networkCode;
