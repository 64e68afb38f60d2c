/** Budget arithmetic: integer pesos, never floats. */
export interface BudgetFigures {
  plannedAmount: number;
  executedAmount: number;
}

export function budgetTotals(items: readonly BudgetFigures[]): { planned: number; executed: number } {
  return items.reduce(
    (sum, item) => ({
      planned: sum.planned + item.plannedAmount,
      executed: sum.executed + item.executedAmount,
    }),
    { planned: 0, executed: 0 },
  );
}

/** An execution may take the item above its planned amount only with a justification. */
export function needsJustification(item: BudgetFigures, amount: number): boolean {
  return item.executedAmount + amount > item.plannedAmount;
}

/** Executed as a percentage of planned, one decimal (null when nothing was planned). */
export function executionRate(item: BudgetFigures): number | null {
  if (item.plannedAmount === 0) return null;
  return Math.round((item.executedAmount / item.plannedAmount) * 1000) / 10;
}
