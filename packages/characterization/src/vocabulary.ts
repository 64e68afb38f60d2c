/**
 * The differential approach (enfoque diferencial): how people are characterized wherever the
 * platform records them (workshop participants, PQRS petitioners), so the secretariat can add
 * them up across subgraphs. Statistical categories keep their Spanish names (DANE, MinSalud).
 */

/** Curso de vida (Ministerio de Salud y Protección Social). */
export const LIFE_STAGES = [
  'PRIMERA_INFANCIA',
  'INFANCIA',
  'ADOLESCENCIA',
  'JUVENTUD',
  'ADULTEZ',
  'VEJEZ',
] as const;
/** Sex as DANE records it. */
export const SEXES = ['HOMBRE', 'MUJER', 'INTERSEXUAL'] as const;
export const GENDER_IDENTITIES = ['FEMENINO', 'MASCULINO', 'TRANSGENERO', 'NO_BINARIO', 'OTRO'] as const;
/** Ethnic self-identification, categories of the DANE census (2018). */
export const ETHNICITIES = [
  'INDIGENA',
  'GITANO_ROM',
  'RAIZAL',
  'PALENQUERO',
  'NEGRO_AFROCOLOMBIANO',
  'NINGUNO',
] as const;
/** Identity documents of people; NIT identifies organizations (which may file a PQRS). */
export const PERSON_DOCUMENT_TYPES = ['CC', 'TI', 'CE', 'PA', 'PPT', 'RC'] as const;
export const DOCUMENT_TYPES = [...PERSON_DOCUMENT_TYPES, 'NIT'] as const;

export type LifeStage = (typeof LIFE_STAGES)[number];
export type Sex = (typeof SEXES)[number];
export type Ethnicity = (typeof ETHNICITIES)[number];
