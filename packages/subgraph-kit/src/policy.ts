import { type Identity, ROLES, type Role } from '@participa/auth';
import { forbidden, unauthenticated } from './errors.ts';

/**
 * The authorization policy of the whole graph, written once (docs/authorization.md explains it).
 * Each operation of the graph, and each guarded field or step inside one, has one entry: for each
 * kind of caller, the scope in which it is allowed. A caller without an entry is refused.
 *
 * Adding an operation is one line: `myOperation: STAFF_OWN,` (or another rule below).
 */

/** `anonymous` is a caller without a token; `citizen` a signed-in citizen. */
export type Caller = 'anonymous' | Role;
export const CALLERS: readonly Caller[] = ['anonymous', ...ROLES];

/**
 * - `any`: whatever the target.
 * - `own`: every network of the target is the caller's network (ESE roles).
 * - `district`: the target belongs to no network (district-wide records).
 * - `code`: the caller proved it holds the record's code (check-in code, tracking code).
 */
export type Scope = 'any' | 'own' | 'district' | 'code';
export type Rule = Readonly<Partial<Record<Caller, Scope | readonly Scope[]>>>;

export interface Target {
  /** Networks the target belongs to (`null`: a district record). Omitted: filtered by the resolver. */
  networks?: readonly (string | null)[];
  /** The caller presented the record's code and it matched. */
  codeProven?: boolean;
}

const ALL: Scope = 'any';
export const PUBLIC: Rule = {
  anonymous: ALL,
  citizen: ALL,
  ese_staff: ALL,
  ese_admin: ALL,
  secretariat: ALL,
  system: ALL,
};
/** Anyone signed in, about their own things (their inbox). */
export const SIGNED_IN: Rule = {
  citizen: ALL,
  ese_staff: ALL,
  ese_admin: ALL,
  secretariat: ALL,
  system: ALL,
};
/** Operational records of a network: its staff only (the secretariat does not act as their staff). */
export const STAFF_OWN: Rule = { ese_staff: 'own', ese_admin: 'own' };
/** Records of a network that the district manages too: facilities (reference data). */
export const NETWORK_REFERENCE: Rule = { ese_staff: 'own', ese_admin: 'own', secretariat: 'any' };
/** Social actors: a network's by its staff, district-wide ones by the secretariat. */
export const ACTORS: Rule = { ese_staff: 'own', ese_admin: 'own', secretariat: 'district' };
/** District-level decisions and reference data. */
export const SECRETARIAT: Rule = { secretariat: 'any' };
/** Records of several networks signed with the district (commitment acts). */
export const SIGNATORIES: Rule = { ese_staff: 'own', ese_admin: 'own', secretariat: 'any' };
/** Reading a network's records that carry no personal data. */
export const NETWORK_READ: Rule = { ese_staff: 'own', ese_admin: 'own', secretariat: 'any', system: 'any' };
/** A network's records kept from the public: its staff and the secretariat, which oversees them. */
export const OVERSIGHT: Rule = { ese_staff: 'own', ese_admin: 'own', secretariat: 'any' };
/** Aggregates without names: any network's staff, the secretariat and workers. */
export const STATS: Rule = { ese_staff: 'any', ese_admin: 'any', secretariat: 'any', system: 'any' };
/** Personal data (Ley 1581): staff of the responsible network; district records, the secretariat. */
export const PERSONAL_DATA: Rule = { ese_staff: 'own', ese_admin: 'own', secretariat: 'district' };
/** A network's settings: its admins; district ones (network `*`), the secretariat. */
export const NETWORK_ADMIN: Rule = { ese_admin: 'own', secretariat: 'district' };
/** Operating the platform across networks (queues, deliveries). */
export const OPERATORS: Rule = { secretariat: 'any', system: 'any' };
/** A participant's own registration: its check-in code, or staff of the workshop's network. */
const HOLDER: Rule = {
  anonymous: 'code',
  citizen: 'code',
  ese_staff: ['own', 'code'],
  ese_admin: ['own', 'code'],
  secretariat: 'code',
  system: 'code',
};

/** Every operation of the composed graph (Query and Mutation fields). */
export const OPERATIONS = {
  // territory
  networks: PUBLIC,
  network: PUBLIC,
  territory: PUBLIC,
  territories: PUBLIC,
  territoriesConnection: PUBLIC,
  territoryByCode: PUBLIC,
  facility: PUBLIC,
  organizations: PUBLIC,
  organization: PUBLIC,
  actorMap: PUBLIC,
  cartographyFeatures: PUBLIC,
  createOrganization: ACTORS,
  updateOrganization: ACTORS,
  relateActors: ACTORS,
  addRepresentation: ACTORS,
  endRepresentation: ACTORS,
  addCartographyFeature: STAFF_OWN,
  createFacility: NETWORK_REFERENCE,
  assignTerritoryToNetwork: SECRETARIAT,
  serviceOfferings: PUBLIC,
  serviceOffering: PUBLIC,
  createServiceOffering: STAFF_OWN,
  updateServiceOffering: STAFF_OWN,
  withdrawServiceOffering: STAFF_OWN,
  // planning
  strategicAxes: PUBLIC,
  actionPlans: PUBLIC,
  actionPlansConnection: PUBLIC,
  actionPlan: PUBLIC,
  activity: PUBLIC,
  commitmentActs: PUBLIC,
  commitmentActsConnection: PUBLIC,
  commitmentAct: PUBLIC,
  commitments: PUBLIC,
  createActionPlan: STAFF_OWN,
  updateActionPlan: STAFF_OWN,
  addActivity: STAFF_OWN,
  recordActivityProgress: STAFF_OWN,
  addActivityEvidence: STAFF_OWN,
  addBudgetItem: STAFF_OWN,
  recordBudgetExecution: STAFF_OWN,
  submitActionPlan: STAFF_OWN,
  returnActionPlan: SECRETARIAT,
  approveActionPlan: SECRETARIAT,
  closeActionPlan: STAFF_OWN,
  createActionLine: SECRETARIAT,
  renameActionLine: SECRETARIAT,
  retireActionLine: SECRETARIAT,
  deleteActionLine: SECRETARIAT,
  createCommitmentAct: SIGNATORIES,
  recordCommitmentFollowUp: SIGNATORIES,
  // education
  workshops: PUBLIC,
  workshop: PUBLIC,
  materials: PUBLIC,
  participationStats: STATS,
  scheduleWorkshop: STAFF_OWN,
  rescheduleWorkshop: STAFF_OWN,
  cancelWorkshop: STAFF_OWN,
  recordCommunityDayServices: STAFF_OWN,
  registerForWorkshop: PUBLIC,
  cancelRegistration: HOLDER,
  recordAttendance: STAFF_OWN,
  recordEvaluation: STAFF_OWN,
  eraseParticipantData: HOLDER,
  createMaterial: ACTORS,
  useMaterials: STAFF_OWN,
  presentServicesAtWorkshop: STAFF_OWN,
  campaigns: PUBLIC,
  campaign: PUBLIC,
  campaignReach: PUBLIC,
  createCampaign: ACTORS,
  addCampaignPiece: ACTORS,
  reportCampaignReach: ACTORS,
  // feedback
  trackPqrs: PUBLIC,
  pqrsList: NETWORK_READ,
  pqrs: NETWORK_READ,
  submitPqrs: PUBLIC,
  assignPqrs: STAFF_OWN,
  addPqrsNote: STAFF_OWN,
  respondToPqrs: STAFF_OWN,
  extendPqrsDeadline: STAFF_OWN,
  transferPqrs: STAFF_OWN,
  closePqrs: STAFF_OWN,
  reopenPqrs: STAFF_OWN,
  ratePqrsResponse: PUBLIC,
  // notifications
  myNotifications: SIGNED_IN,
  unreadNotificationCount: SIGNED_IN,
  markNotificationRead: SIGNED_IN,
  markAllNotificationsRead: SIGNED_IN,
  myNotificationSettings: SIGNED_IN,
  updateMyNotificationSettings: SIGNED_IN,
  notificationContactPoints: NETWORK_ADMIN,
  createNotificationContactPoint: NETWORK_ADMIN,
  updateNotificationContactPoint: NETWORK_ADMIN,
  deleteNotificationContactPoint: NETWORK_ADMIN,
  unsubscribeNotifications: PUBLIC,
  notificationDeliveries: OPERATORS,
  retryNotificationDelivery: OPERATORS,
  surveys: PUBLIC,
  survey: PUBLIC,
  consultations: PUBLIC,
  consultation: PUBLIC,
  createSurvey: ACTORS,
  issueSurveyCodes: ACTORS,
  answerSurvey: PUBLIC,
  createConsultation: ACTORS,
  issueConsultationCodes: ACTORS,
  voteInConsultation: PUBLIC,
  // metrics (served by every domain subgraph) and indicators
  metricReports: STATS,
  metricCatalog: STATS,
  indicators: STATS,
  indicator: STATS,
  indicatorValues: STATS,
  computationRun: STATS,
  defineIndicator: SECRETARIAT,
  setIndicatorTarget: SECRETARIAT,
  computeIndicators: { secretariat: 'any', system: 'any' },
  // platform (served by the gateway itself)
  platformStatus: OPERATORS,
} satisfies Record<string, Rule>;

/**
 * Guarded steps inside an operation and guarded fields of entities. A field the caller may not
 * read answers null (a list or connection: empty); it never raises an error, which would wipe out
 * the list around it.
 */
export const DETAILS = {
  'ServiceOffering.write': STAFF_OWN,
  'Campaign.write': ACTORS,
  'Survey.manage': ACTORS,
  'Survey.results': OVERSIGHT,
  'Survey.openAnswers': ACTORS,
  'eraseParticipantData.wholePerson': STAFF_OWN,
  'submitPqrs.receivedAt': STAFF_OWN,
  'Organization.contact': OVERSIGHT,
  'Representation.contact': PERSONAL_DATA,
  'Registration.participant': PERSONAL_DATA,
  'Workshop.registrations': PERSONAL_DATA,
  'Pqrs.petitioner': PERSONAL_DATA,
  'Pqrs.internals': { ese_staff: 'own', ese_admin: 'own' },
  auditTrail: OVERSIGHT,
  'auditTrail.personalDataReads': { ese_admin: 'own', secretariat: 'district' },
  'Network.pqrsStats': NETWORK_READ,
  'Workshop.participation': STATS,
  'ActionPlan.internals': OVERSIGHT,
  'ActionPlan.draft': OVERSIGHT,
  'MetricReport.metrics': STATS,
  'Network.indicatorValues': STATS,
  /** The queues' dashboard beside the notifications worker (not part of the graph). */
  'queues.dashboard': OPERATORS,
} satisfies Record<string, Rule>;

export type Operation = keyof typeof OPERATIONS;
export type Detail = keyof typeof DETAILS;
export type Guarded = Operation | Detail;

const RULES: Record<string, Rule> = { ...OPERATIONS, ...DETAILS };

export function callersOf(identity: Identity): Caller[] {
  return identity.sub ? identity.roles : ['anonymous'];
}

function scopeAllows(scope: Scope, identity: Identity, target: Target): boolean {
  const networks = target.networks;
  switch (scope) {
    case 'any':
      return true;
    case 'own':
      return (
        networks === undefined ||
        (networks.length > 0 && networks.every((n) => n !== null && n === identity.network))
      );
    case 'district':
      return networks === undefined || networks.every((n) => n === null);
    case 'code':
      return target.codeProven === true;
  }
}

/** Whether the policy lets this caller do or read `what` on `target`. */
export function may(identity: Identity, what: Guarded, target: Target = {}): boolean {
  const rule = RULES[what];
  if (!rule) throw new Error(`No authorization policy for ${what}`);
  return callersOf(identity).some((caller) => {
    const scopes = rule[caller];
    if (!scopes) return false;
    return (typeof scopes === 'string' ? [scopes] : scopes).some((scope) =>
      scopeAllows(scope, identity, target),
    );
  });
}

/** Anyone a rule lets in at all, whatever the target. */
export function mayEver(identity: Identity, what: Guarded): boolean {
  const rule = RULES[what];
  if (!rule) throw new Error(`No authorization policy for ${what}`);
  return callersOf(identity).some((caller) => rule[caller] !== undefined);
}

/**
 * Refuses what the policy does not allow: UNAUTHENTICATED when signing in could help (an anonymous
 * caller), FORBIDDEN with the given Spanish message otherwise.
 */
export function authorize(
  identity: Identity,
  what: Guarded,
  target: Target = {},
  message = 'No tiene permiso para realizar esta acción.',
): void {
  if (may(identity, what, target)) return;
  if (!identity.sub && RULES[what]!.anonymous === undefined) throw unauthenticated();
  throw forbidden(message);
}

/** Spanish refusals shared by the subgraphs. */
export const SECRETARIAT_ONLY = 'Solo la Secretaría de Salud puede realizar esta acción.';
export const notYourNetwork = (code: string) => `No tiene permiso para modificar datos de la red ${code}.`;

/** The network of a target, for `authorize(…, inNetwork(code))`; `null` is a district record. */
export const inNetwork = (...codes: (string | null)[]): Target => ({ networks: codes });

const SCOPE_WORDS: Record<Scope, string> = {
  any: 'yes',
  own: 'own network',
  district: 'district',
  code: 'with code',
};

/** The policy as the Markdown table of docs/authorization.md (a test keeps the two equal). */
export function policyTable(): string {
  const header = `| operation or field | ${CALLERS.join(' | ')} |`;
  const rule = `| --- | ${CALLERS.map(() => '---').join(' | ')} |`;
  const rows = Object.entries(RULES).map(([name, entry]) => {
    const cells = CALLERS.map((caller) => {
      const scopes = entry[caller];
      if (!scopes) return '—';
      return (typeof scopes === 'string' ? [scopes] : scopes).map((s) => SCOPE_WORDS[s]).join(' or ');
    });
    return `| \`${name}\` | ${cells.join(' | ')} |`;
  });
  return [header, rule, ...rows].join('\n');
}
