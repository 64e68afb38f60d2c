/**
 * Closed vocabularies of the education domain, shared by the tables, the validation and the
 * GraphQL enums. Legal and statistical categories keep their Spanish names (see the glossary).
 */
export {
  ETHNICITIES,
  GENDER_IDENTITIES,
  LIFE_STAGES,
  type LifeStage,
  PERSON_DOCUMENT_TYPES as DOCUMENT_TYPES,
  SEXES,
} from '@participa/characterization';

export const WORKSHOP_TOPICS = [
  'HEALTH_RIGHTS',
  'PARTICIPATION_MECHANISMS',
  'PARTICIPATORY_BUDGETING',
  'SOCIAL_CONTROL',
  'DIGITAL_SKILLS',
  'SERVICE_PORTFOLIO',
  'DISEASE_PREVENTION',
  'COMMUNITY_DAY',
  'OTHER',
] as const;
export const WORKSHOP_KINDS = ['WORKSHOP', 'TALK', 'COURSE', 'COMMUNITY_DAY'] as const;
export const MODALITIES = ['IN_PERSON', 'VIRTUAL', 'HYBRID'] as const;
export const WORKSHOP_STATUSES = ['SCHEDULED', 'HELD', 'CANCELLED'] as const;
export const REGISTRATION_STATUSES = ['REGISTERED', 'WAITLISTED', 'CANCELLED'] as const;
export const ATTENDANCE_METHODS = ['LIST', 'CHECK_IN_CODE', 'WALK_IN'] as const;

export const MATERIAL_KINDS = ['BOOKLET', 'GUIDE', 'VIDEO', 'PRESENTATION', 'OTHER'] as const;
export const ACCESSIBLE_FORMATS = [
  'EASY_READ',
  'LARGE_PRINT',
  'BRAILLE',
  'AUDIO',
  'SIGN_LANGUAGE',
  'SUBTITLES',
] as const;
export const COMMUNITY_SERVICES = [
  'VACCINATION',
  'SCREENING',
  'VITAL_SIGNS',
  'COUNSELLING',
  'MEDICAL_CONSULTATION',
  'ORAL_HEALTH',
  'FAMILY_PLANNING',
  'OTHER',
] as const;

export type WorkshopTopic = (typeof WORKSHOP_TOPICS)[number];
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];
