import { describe, expect, it } from 'vitest';
import { canApply, dueAtFor, extensionProblem, formatRadicado, isOverdue, termFor } from '../src/domain.ts';
import { hashTrackingCode, newTrackingCode, seal, trackingCodeMatches, unseal } from '../src/secrets.ts';

const due = (
  type: Parameters<typeof dueAtFor>[0],
  receivedAt: string,
  risk: Parameters<typeof dueAtFor>[1] = null,
) => dueAtFor(type, risk, new Date(receivedAt))?.toISOString() ?? null;

describe('dueAt', () => {
  it.each([
    ['Friday evening', '2025-03-14T18:30:00-05:00', '2025-04-08T04:59:59.999Z'], // skips San José (24 Mar)
    ['Saturday', '2025-03-15T10:00:00-05:00', '2025-04-08T04:59:59.999Z'],
    ['on a holiday (San José)', '2025-03-24T10:00:00-05:00', '2025-04-15T04:59:59.999Z'],
    ['over Christmas, New Year and Epiphany Monday', '2025-12-19T10:00:00-05:00', '2026-01-15T04:59:59.999Z'],
    ['over Holy Week 2026', '2026-03-27T12:00:00-05:00', '2026-04-22T04:59:59.999Z'], // 21 Apr,
    ['over Holy Week 2024', '2024-03-22T12:00:00-05:00', '2024-04-18T04:59:59.999Z'], // 17 Apr, after San José and Holy Week,
  ])('PETICION received %s', (_, receivedAt, expected) => {
    expect(due('PETICION', receivedAt)).toBe(expected);
  });

  it('23:59 Bogotá (already the next day in UTC) counts from the Bogotá day', () => {
    expect(due('SOLICITUD_INFORMACION', '2025-07-17T23:59:00-05:00')).toBe('2025-08-01T04:59:59.999Z');
    expect(due('SOLICITUD_INFORMACION', '2025-07-18T00:00:00-05:00')).toBe('2025-08-02T04:59:59.999Z');
  });

  it('terms by type and risk level', () => {
    expect(termFor('CONSULTA', null)).toEqual({ unit: 'BUSINESS_DAYS', amount: 30 });
    expect(termFor('SOLICITUD_INFORMACION', null)).toEqual({ unit: 'BUSINESS_DAYS', amount: 10 });
    expect(termFor('RECLAMO', null)).toEqual({ unit: 'BUSINESS_DAYS', amount: 15 });
    expect(termFor('RECLAMO', 'PRIORIZADO')).toEqual({ unit: 'HOURS', amount: 48 });
    expect(termFor('FELICITACION', null)).toBeNull();
    expect(due('RECLAMO', '2025-04-17T08:00:00-05:00', 'VITAL')).toBe('2025-04-18T13:00:00.000Z');
  });
});

describe('extension', () => {
  const receivedAt = new Date('2025-12-19T10:00:00-05:00');
  const term = { unit: 'BUSINESS_DAYS' as const, amount: 15 };
  const dueAt = new Date('2026-01-15T04:59:59.999Z');
  const now = new Date('2026-01-10T12:00:00Z');
  it('allows up to the end of the 30th business day, and not a millisecond more', () => {
    // 30 business days from 19 Dec 2025: 4 Feb 2026.
    expect(
      extensionProblem({ receivedAt, dueAt, term }, new Date('2026-02-05T04:59:59.999Z'), now),
    ).toBeNull();
    expect(extensionProblem({ receivedAt, dueAt, term }, new Date('2026-02-05T05:00:00.000Z'), now)).toBe(
      'TOO_LATE',
    );
  });
  it('refuses after expiry, an earlier date, and PQRS without term', () => {
    expect(extensionProblem({ receivedAt, dueAt, term }, new Date('2026-01-20T00:00:00Z'), dueAt)).toBe(
      'EXPIRED',
    );
    expect(extensionProblem({ receivedAt, dueAt, term }, dueAt, now)).toBe('NOT_LATER');
    expect(extensionProblem({ receivedAt, dueAt: null, term: null }, dueAt, now)).toBe('NO_DEADLINE');
  });
});

describe('state machine', () => {
  it('allows exactly the legal transitions', () => {
    expect(canApply('RESPOND', 'IN_PROGRESS')).toBe(true);
    expect(canApply('RESPOND', 'RECEIVED')).toBe(false);
    expect(canApply('CLOSE', 'ANSWERED')).toBe(true);
    expect(canApply('CLOSE', 'IN_PROGRESS')).toBe(false);
    expect(canApply('REOPEN', 'CLOSED')).toBe(true);
    expect(canApply('REOPEN', 'ANSWERED')).toBe(false);
    expect(canApply('TRANSFER', 'TRANSFERRED')).toBe(false);
  });
  it('overdue means open, unanswered and past due', () => {
    const now = new Date('2026-01-16T00:00:00Z');
    const dueAt = new Date('2026-01-15T04:59:59.999Z');
    expect(isOverdue({ status: 'IN_PROGRESS', dueAt, answeredAt: null }, now)).toBe(true);
    expect(isOverdue({ status: 'IN_PROGRESS', dueAt, answeredAt: now }, now)).toBe(false);
    expect(isOverdue({ status: 'TRANSFERRED', dueAt, answeredAt: null }, now)).toBe(false);
  });
});

describe('secrets', () => {
  it('radicados are zero-padded to six digits', () => {
    expect(formatRadicado('CENTRO', 2025, 42)).toBe('CENTRO-2025-000042');
  });
  it('tracking codes are random, hashed, and compared ignoring case and dashes', () => {
    const code = newTrackingCode();
    expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    expect(trackingCodeMatches(code.toLowerCase().replaceAll('-', ''), hashTrackingCode(code))).toBe(true);
    expect(trackingCodeMatches(newTrackingCode(), hashTrackingCode(code))).toBe(false);
  });
  it('sealed data opens only with its own associated id', () => {
    const sealed = seal({ fullName: 'Rosa Elena Mina' }, 'id-1');
    expect(unseal(sealed, 'id-1')).toEqual({ fullName: 'Rosa Elena Mina' });
    expect(() => unseal(sealed, 'id-2')).toThrow();
  });
});
