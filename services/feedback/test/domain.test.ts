import { describe, expect, it } from 'vitest';
import {
  answeredOnTime,
  canApply,
  dueAtFor,
  extensionProblem,
  formatRadicado,
  isOverdue,
  latestExtension,
  type PqrsAction,
  statusName,
  termFor,
  termOf,
} from '../src/domain.ts';
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

// Guards found by mutation testing (docs/mutation-testing.md): every branch of the pure rules.
describe('mutation guards', () => {
  const STATUSES = ['RECEIVED', 'IN_PROGRESS', 'ANSWERED', 'CLOSED', 'TRANSFERRED'] as const;
  const LEGAL: Record<PqrsAction, readonly string[]> = {
    ASSIGN: ['RECEIVED', 'IN_PROGRESS'],
    EXTEND: ['RECEIVED', 'IN_PROGRESS'],
    RESPOND: ['IN_PROGRESS'],
    CLOSE: ['ANSWERED'],
    REOPEN: ['CLOSED'],
    TRANSFER: ['RECEIVED', 'IN_PROGRESS'],
    RATE: ['ANSWERED', 'CLOSED'],
  };
  const actions = Object.keys(LEGAL) as PqrsAction[];

  it('allows each action from exactly its statuses (7 actions × 5 statuses)', () => {
    expect(actions).toHaveLength(7);
    for (const action of actions)
      for (const status of STATUSES)
        expect(canApply(action, status), `${action} from ${status}`).toBe(LEGAL[action].includes(status));
  });

  it('every type has its Ley 1755 term; the risk level counts on a RECLAMO only', () => {
    const days = {
      SOLICITUD_INFORMACION: 10,
      CONSULTA: 30,
      PETICION: 15,
      QUEJA: 15,
      RECLAMO: 15,
      SUGERENCIA: 15,
      DENUNCIA: 15,
    };
    expect(Object.keys(days)).toHaveLength(7);
    for (const [type, amount] of Object.entries(days))
      expect(termFor(type as keyof typeof days, null)).toEqual({ unit: 'BUSINESS_DAYS', amount });
    expect(termFor('RECLAMO', 'VITAL')).toEqual({ unit: 'HOURS', amount: 24 });
    expect(termFor('RECLAMO', 'SIMPLE')).toEqual({ unit: 'HOURS', amount: 72 });
    expect(termFor('PETICION', 'VITAL')).toEqual({ unit: 'BUSINESS_DAYS', amount: 15 });
    expect(termFor('FELICITACION', 'VITAL')).toBeNull();
    expect(dueAtFor('FELICITACION', null, new Date())).toBeNull();
  });

  it('an extension of an hours term reaches twice the hours from the receipt', () => {
    const receivedAt = new Date('2025-04-17T13:00:00Z');
    expect(latestExtension(receivedAt, { unit: 'HOURS', amount: 24 }).toISOString()).toBe(
      '2025-04-19T13:00:00.000Z',
    );
  });

  it('an extension needs both a deadline and a term, and is asked before the deadline (to the millisecond)', () => {
    const receivedAt = new Date('2025-12-19T10:00:00-05:00');
    const term = { unit: 'BUSINESS_DAYS' as const, amount: 15 };
    const dueAt = new Date('2026-01-15T04:59:59.999Z');
    const later = new Date('2026-01-20T00:00:00Z');
    expect(extensionProblem({ receivedAt, dueAt, term: null }, later, new Date('2026-01-10T00:00:00Z'))).toBe(
      'NO_DEADLINE',
    );
    expect(extensionProblem({ receivedAt, dueAt: null, term }, later, new Date('2026-01-10T00:00:00Z'))).toBe(
      'NO_DEADLINE',
    );
    expect(extensionProblem({ receivedAt, dueAt, term }, later, new Date(dueAt.getTime() - 1))).toBeNull();
    expect(
      extensionProblem(
        { receivedAt, dueAt, term },
        new Date(dueAt.getTime() + 1),
        new Date('2026-01-10T00:00:00Z'),
      ),
    ).toBeNull();
  });

  it('answered on time up to the deadline’s last millisecond; always without a deadline', () => {
    const dueAt = new Date('2026-01-15T04:59:59.999Z');
    expect(answeredOnTime(dueAt, dueAt)).toBe(true);
    expect(answeredOnTime(new Date(dueAt.getTime() + 1), dueAt)).toBe(false);
    expect(answeredOnTime(new Date(dueAt.getTime() - 1), dueAt)).toBe(true);
    expect(answeredOnTime(new Date('2030-01-01T00:00:00Z'), null)).toBe(true);
  });

  it('overdue only when open (received or in progress), unanswered, with a deadline strictly past', () => {
    const dueAt = new Date('2026-01-15T04:59:59.999Z');
    const after = new Date(dueAt.getTime() + 1);
    expect(isOverdue({ status: 'RECEIVED', dueAt, answeredAt: null }, after)).toBe(true);
    expect(isOverdue({ status: 'RECEIVED', dueAt, answeredAt: null }, dueAt)).toBe(false);
    expect(isOverdue({ status: 'RECEIVED', dueAt: null, answeredAt: null }, after)).toBe(false);
    expect(isOverdue({ status: 'ANSWERED', dueAt, answeredAt: null }, after)).toBe(false);
    expect(isOverdue({ status: 'CLOSED', dueAt, answeredAt: null }, after)).toBe(false);
  });

  it('the stored term needs both its unit and its amount', () => {
    expect(termOf({ termUnit: 'HOURS', termAmount: 48 })).toEqual({ unit: 'HOURS', amount: 48 });
    expect(termOf({ termUnit: null, termAmount: null })).toBeNull();
    expect(termOf({ termUnit: 'BUSINESS_DAYS', termAmount: null })).toBeNull();
    expect(termOf({ termUnit: null, termAmount: 15 })).toBeNull();
  });

  it('statuses have their Spanish names for refusals', () => {
    expect(STATUSES.map(statusName)).toEqual([
      'radicada',
      'en trámite',
      'respondida',
      'cerrada',
      'trasladada',
    ]);
  });

  it('radicados keep a sequence of six digits or more as it is', () => {
    expect(formatRadicado('NORTE', 2026, 1)).toBe('NORTE-2026-000001');
    expect(formatRadicado('NORTE', 2026, 1234567)).toBe('NORTE-2026-1234567');
  });
});
