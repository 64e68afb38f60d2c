import { territoryByCode } from '@participa/reference';
import type { Caller, TestGraph } from '@participa/testing';

export const CENTRO_STAFF: Caller = { role: 'ese_staff', network: 'CENTRO' };
export const NORTE_STAFF: Caller = { role: 'ese_staff', network: 'NORTE' };
export const SECRETARIAT: Caller = { role: 'secretariat' };

export const territory = (code: string) => territoryByCode(code)!.id;
const DAY_MS = 86_400_000;
export const daysFromNow = (days: number) => new Date(Date.now() + days * DAY_MS);

export const SCHEDULE = /* GraphQL */ `
  mutation ($input: ScheduleWorkshopInput!) {
    scheduleWorkshop(input: $input) { id status capacity }
  }
`;

export const REGISTER = /* GraphQL */ `
  mutation ($input: RegisterForWorkshopInput!) {
    registerForWorkshop(input: $input) { id status waitlistPosition checkInCode }
  }
`;

export const COUNTS = /* GraphQL */ `
  query ($id: ID!) {
    workshop(id: $id) { status registeredCount waitlistCount attendedCount seatsLeft }
  }
`;

export interface Counts {
  status: string;
  registeredCount: number;
  waitlistCount: number;
  attendedCount: number;
  seatsLeft: number;
}

export async function scheduleWorkshop(
  graph: TestGraph,
  overrides: Record<string, unknown> = {},
  as: Caller = CENTRO_STAFF,
): Promise<string> {
  const startsAt = (overrides.startsAt as Date | undefined) ?? daysFromNow(7);
  const data = await graph.data<{ scheduleWorkshop: { id: string } }>(
    SCHEDULE,
    {
      input: {
        networkCode: 'CENTRO',
        title: 'Taller de derechos en salud',
        topic: 'HEALTH_RIGHTS',
        modality: 'IN_PERSON',
        territoryId: territory('C09'),
        capacity: 10,
        ...overrides,
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 3 * 3_600_000).toISOString(),
      },
    },
    as,
  );
  return data.scheduleWorkshop.id;
}

export interface PersonOverrides {
  fullName?: string;
  documentNumber?: string | null;
  email?: string | null;
  birthYear?: number;
  sex?: string;
  ethnicity?: string | null;
  disability?: boolean | null;
  territoryId?: string | null;
}

export function person(n: number, overrides: PersonOverrides = {}) {
  return {
    fullName: `Participante ${n}`,
    documentType: 'CC',
    documentNumber: String(10_000_000 + n),
    email: `persona${n}@example.org`,
    birthYear: 1980,
    sex: 'MUJER',
    territoryId: territory('C09'),
    ...overrides,
  };
}

export function register(graph: TestGraph, workshopId: string, participant: object, as?: Caller) {
  return graph.request<{
    registerForWorkshop: { id: string; status: string; waitlistPosition: number | null; checkInCode: string };
  }>(REGISTER, { input: { workshopId, participant, dataConsent: true } }, as);
}

export async function counts(graph: TestGraph, id: string): Promise<Counts> {
  return (await graph.data<{ workshop: Counts }>(COUNTS, { id })).workshop;
}
