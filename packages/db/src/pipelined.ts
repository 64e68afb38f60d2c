/**
 * Waits for statements sent together on one connection (postgres.js pipelines them in call order).
 * After one fails, the later ones fail too ("current transaction is aborted") and may be answered
 * first: the error thrown is the earliest statement's, the one that says what went wrong.
 */
export async function pipelined(statements: Promise<unknown>[]): Promise<void> {
  const failed = (await Promise.allSettled(statements)).find((outcome) => outcome.status === 'rejected');
  if (failed) throw failed.reason;
}
