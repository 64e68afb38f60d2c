/** Follow-up rules of commitment acts. */
export type CommitmentStatus = 'PENDING' | 'IN_PROGRESS' | 'FULFILLED' | 'CANCELLED';

/** Overdue: past its due date (in Bogotá) and still open. Due today is not overdue yet. */
export function isOverdue(dueDate: string, status: CommitmentStatus, today: string): boolean {
  return dueDate < today && (status === 'PENDING' || status === 'IN_PROGRESS');
}
