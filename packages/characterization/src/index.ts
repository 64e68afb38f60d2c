import { loadTypeDefs, uuid, z } from '@participa/subgraph-kit';
import { ETHNICITIES, GENDER_IDENTITIES, SEXES } from './vocabulary.ts';

export * from './life-stage.ts';
export * from './vocabulary.ts';

/** Enums and the shareable `Characterization` type; a subgraph that records people adds them to its SDL. */
export const characterizationTypeDefs = loadTypeDefs(new URL('./schema.graphql', import.meta.url));

/** Validation of the self-identified characterization fields (all optional). */
export const characterizationFields = {
  birthYear: z
    .number()
    .int('debe ser un año')
    .min(1900, 'debe ser un año de nacimiento válido')
    .refine((year) => year <= new Date().getUTCFullYear(), 'no puede estar en el futuro')
    .nullish(),
  sex: z.enum(SEXES).nullish(),
  genderIdentity: z.enum(GENDER_IDENTITIES).nullish(),
  ethnicity: z.enum(ETHNICITIES).nullish(),
  disability: z.boolean().nullish(),
  armedConflictVictim: z.boolean().nullish(),
  migrant: z.boolean().nullish(),
  territoryId: uuid().nullish(),
};
