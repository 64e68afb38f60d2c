import { territoryByCode } from '@participa/reference';
import { describe, expect, it } from 'vitest';
import {
  comunaOf,
  normalizeDocument,
  normalizeEmail,
  promotionsAvailable,
  seatsLeft,
  statusForNewRegistration,
  territoryWithChildren,
} from '../src/domain.ts';
import { breakdownOf, type CharacterizationCount } from '../src/participation.ts';

const id = (code: string) => territoryByCode(code)!.id;

describe('seat accounting', () => {
  it('registers while seats remain, then waitlists', () => {
    expect(statusForNewRegistration(0, 10)).toBe('REGISTERED');
    expect(statusForNewRegistration(9, 10)).toBe('REGISTERED');
    expect(statusForNewRegistration(10, 10)).toBe('WAITLISTED');
    expect(statusForNewRegistration(12, 10)).toBe('WAITLISTED');
  });

  it('never reports negative seats (walk-ins may exceed capacity)', () => {
    expect(seatsLeft(10, 3)).toBe(7);
    expect(seatsLeft(10, 12)).toBe(0);
  });

  it('promotes as many as the free seats and the waitlist allow', () => {
    expect(promotionsAvailable(10, 9, 5)).toBe(1);
    expect(promotionsAvailable(10, 6, 2)).toBe(2);
    expect(promotionsAvailable(10, 10, 5)).toBe(0);
    expect(promotionsAvailable(10, 11, 5)).toBe(0);
  });
});

describe('territories and identity keys', () => {
  it('rolls barrios up to their comuna and keeps comunas', () => {
    expect(comunaOf(id('C09-01'))).toBe(id('C09'));
    expect(comunaOf(id('C09'))).toBe(id('C09'));
    expect(comunaOf(null)).toBeNull();
  });

  it('a comuna filter includes its barrios', () => {
    const ids = territoryWithChildren(id('C09'));
    expect(ids[0]).toBe(id('C09'));
    expect(ids).toContain(id('C09-01'));
    expect(territoryWithChildren(id('C09-01'))).toEqual([id('C09-01')]);
  });

  it('normalizes documents and e-mails so the same person is recognized', () => {
    expect(normalizeDocument(' 31.456.789 ')).toBe('31456789');
    expect(normalizeDocument('pa-12 34')).toBe('PA1234');
    expect(normalizeEmail(' Maria@Example.ORG ')).toBe('maria@example.org');
  });
});

describe('participation breakdown (hand-counted fixture)', () => {
  const row = (over: Partial<CharacterizationCount>): CharacterizationCount => ({
    lifeStage: 'ADULTEZ',
    sex: 'MUJER',
    ethnicity: 'NINGUNO',
    disability: false,
    territoryId: id('C09'),
    participants: 1,
    attendances: 0,
    ...over,
  });
  const rows = [
    row({ participants: 3, attendances: 2 }),
    row({ lifeStage: 'VEJEZ', sex: 'HOMBRE', disability: true, participants: 2, attendances: 2 }),
    row({
      lifeStage: 'JUVENTUD',
      ethnicity: 'NEGRO_AFROCOLOMBIANO',
      territoryId: id('C09-02'),
      attendances: 1,
    }),
    row({
      lifeStage: null,
      sex: null,
      ethnicity: null,
      disability: null,
      territoryId: null,
      participants: 2,
    }),
  ];
  const breakdown = breakdownOf(rows);

  it('totals', () => {
    expect(breakdown.participants).toBe(8);
    expect(breakdown.attendances).toBe(5);
  });

  it('by curso de vida, with every stage and the unknowns', () => {
    expect(breakdown.byLifeStage).toEqual([
      { key: 'PRIMERA_INFANCIA', participants: 0, attendances: 0 },
      { key: 'INFANCIA', participants: 0, attendances: 0 },
      { key: 'ADOLESCENCIA', participants: 0, attendances: 0 },
      { key: 'JUVENTUD', participants: 1, attendances: 1 },
      { key: 'ADULTEZ', participants: 3, attendances: 2 },
      { key: 'VEJEZ', participants: 2, attendances: 2 },
      { key: 'SIN_DATO', participants: 2, attendances: 0 },
    ]);
  });

  it('by sex, ethnicity and disability', () => {
    expect(breakdown.bySex).toEqual([
      { key: 'HOMBRE', participants: 2, attendances: 2 },
      { key: 'MUJER', participants: 4, attendances: 3 },
      { key: 'INTERSEXUAL', participants: 0, attendances: 0 },
      { key: 'SIN_DATO', participants: 2, attendances: 0 },
    ]);
    expect(breakdown.byEthnicity.find((c) => c.key === 'NEGRO_AFROCOLOMBIANO')).toEqual({
      key: 'NEGRO_AFROCOLOMBIANO',
      participants: 1,
      attendances: 1,
    });
    expect(breakdown.byEthnicity.find((c) => c.key === 'NINGUNO')?.participants).toBe(5);
    expect(breakdown.byDisability).toEqual([
      { key: 'SI', participants: 2, attendances: 2 },
      { key: 'NO', participants: 4, attendances: 3 },
      { key: 'SIN_DATO', participants: 2, attendances: 0 },
    ]);
  });

  it('by comuna: a barrio counts in its comuna; unknown last', () => {
    expect(breakdown.byComuna).toEqual([
      { territoryId: id('C09'), participants: 6, attendances: 5 },
      { territoryId: null, participants: 2, attendances: 0 },
    ]);
  });
});
