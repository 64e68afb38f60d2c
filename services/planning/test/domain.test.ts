import { describe, expect, it } from 'vitest';
import { budgetTotals, executionRate, needsJustification } from '../src/domain/budget.ts';
import { isOverdue } from '../src/domain/commitments.ts';
import { isEditable, isExecuting, PLAN_ACTIONS, PLAN_STATUSES, transition } from '../src/domain/lifecycle.ts';
import {
  activityProgress,
  derivedStatus,
  isUnfinished,
  nextYearDate,
  planProgress,
  remainingGoal,
} from '../src/domain/progress.ts';

describe('plan lifecycle', () => {
  const legal: Record<string, string> = {
    'DRAFT SUBMIT': 'SUBMITTED',
    'SUBMITTED RETURN': 'DRAFT',
    'SUBMITTED APPROVE': 'APPROVED',
    'APPROVED CLOSE': 'CLOSED',
  };
  for (const from of PLAN_STATUSES) {
    for (const action of PLAN_ACTIONS) {
      const to = legal[`${from} ${action}`];
      it(`${action} from ${from} is ${to ? `legal → ${to}` : 'illegal'}`, () => {
        const result = transition(from, action);
        if (to) expect(result).toEqual({ ok: true, to });
        else expect(result.ok).toBe(false);
      });
    }
  }

  it('explains an illegal move in Spanish', () => {
    expect(transition('CLOSED', 'APPROVE')).toEqual({
      ok: false,
      message: 'No se puede aprobar un plan cerrado; debe estar enviado.',
    });
  });

  it('covers every status and action (the generated cases above are not an empty loop)', () => {
    expect(PLAN_STATUSES).toEqual(['DRAFT', 'SUBMITTED', 'APPROVED', 'CLOSED']);
    expect(PLAN_ACTIONS).toEqual(['SUBMIT', 'RETURN', 'APPROVE', 'CLOSE']);
  });

  it('names each action and status in its refusal', () => {
    const messages = PLAN_ACTIONS.map((action) => {
      const result = transition('CLOSED', action);
      return result.ok ? null : result.message;
    });
    expect(messages).toEqual([
      'No se puede enviar un plan cerrado; debe estar en borrador.',
      'No se puede devolver a borrador un plan cerrado; debe estar enviado.',
      'No se puede aprobar un plan cerrado; debe estar enviado.',
      'No se puede cerrar un plan cerrado; debe estar aprobado.',
    ]);
  });

  it('edits only drafts and executes only approved plans', () => {
    expect(PLAN_STATUSES.filter(isEditable)).toEqual(['DRAFT']);
    expect(PLAN_STATUSES.filter(isExecuting)).toEqual(['APPROVED']);
  });
});

describe('progress arithmetic', () => {
  it('is executed / goal in percent, one decimal, capped at 100', () => {
    expect(activityProgress(0, 10)).toBe(0);
    expect(activityProgress(1, 3)).toBe(33.3);
    expect(activityProgress(2, 3)).toBe(66.7);
    expect(activityProgress(16, 20)).toBe(80);
    expect(activityProgress(12, 10)).toBe(100);
  });

  it('averages a plan over its activities that are not cancelled', () => {
    expect(
      planProgress([
        { executedQuantity: 5, goalQuantity: 10, status: 'IN_PROGRESS' },
        { executedQuantity: 10, goalQuantity: 10, status: 'DONE' },
        { executedQuantity: 0, goalQuantity: 4, status: 'CANCELLED' },
        { executedQuantity: 1, goalQuantity: 3, status: 'IN_PROGRESS' },
      ]),
    ).toBe(61.1); // (50 + 100 + 33.3) / 3
    expect(planProgress([])).toBe(0);
    expect(planProgress([{ executedQuantity: 0, goalQuantity: 1, status: 'CANCELLED' }])).toBe(0);
  });

  it('derives the status from the quantity when none is given', () => {
    expect(derivedStatus(0, 5)).toBe('PLANNED');
    expect(derivedStatus(3, 5)).toBe('IN_PROGRESS');
    expect(derivedStatus(5, 5)).toBe('DONE');
    expect(derivedStatus(7, 5)).toBe('DONE');
  });

  it('carries over unfinished activities with what is left, one year later', () => {
    expect(['PLANNED', 'IN_PROGRESS', 'DONE', 'CANCELLED'].filter((s) => isUnfinished(s as never))).toEqual([
      'PLANNED',
      'IN_PROGRESS',
    ]);
    expect(remainingGoal(3, 8)).toBe(5);
    expect(remainingGoal(8, 8)).toBe(1);
    expect(nextYearDate('2023-03-15')).toBe('2024-03-15');
    expect(nextYearDate('2024-02-29')).toBe('2025-02-28');
  });
});

describe('progress edges', () => {
  it('a goal of zero is no progress, not 100 %', () => {
    expect(activityProgress(5, 0)).toBe(0);
  });

  it('moves a date one year on: only 29 February changes day, and the month and day stay two digits', () => {
    expect(nextYearDate('2028-02-29')).toBe('2029-02-28');
    expect(nextYearDate('2027-03-29')).toBe('2028-03-29');
    expect(nextYearDate('2027-02-10')).toBe('2028-02-10');
    expect(nextYearDate('2027-03-05')).toBe('2028-03-05');
  });
});

describe('budget arithmetic', () => {
  it('sums planned and executed pesos exactly', () => {
    expect(
      budgetTotals([
        { plannedAmount: 6_500_000, executedAmount: 5_800_000 },
        { plannedAmount: 4_000_000, executedAmount: 3_200_001 },
      ]),
    ).toEqual({ planned: 10_500_000, executed: 9_000_001 });
    expect(budgetTotals([])).toEqual({ planned: 0, executed: 0 });
  });

  it('asks for a justification only above the planned amount', () => {
    const item = { plannedAmount: 1_000, executedAmount: 600 };
    expect(needsJustification(item, 400)).toBe(false);
    expect(needsJustification(item, 401)).toBe(true);
  });

  it('reports the execution rate in percent', () => {
    expect(executionRate({ plannedAmount: 3_500_000, executedAmount: 3_650_000 })).toBe(104.3);
    expect(executionRate({ plannedAmount: 0, executedAmount: 0 })).toBeNull();
  });
});

describe('overdue commitments', () => {
  it('are past due and still open', () => {
    expect(isOverdue('2025-03-31', 'PENDING', '2025-04-01')).toBe(true);
    expect(isOverdue('2025-03-31', 'IN_PROGRESS', '2025-04-01')).toBe(true);
    expect(isOverdue('2025-03-31', 'PENDING', '2025-03-31')).toBe(false);
    expect(isOverdue('2025-03-31', 'FULFILLED', '2026-01-01')).toBe(false);
    expect(isOverdue('2025-03-31', 'CANCELLED', '2026-01-01')).toBe(false);
  });
});
