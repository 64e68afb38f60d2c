/**
 * How a queued computation run reaches a worker. The service process installs the queue producer
 * at start-up; until then (or without Redis) runs wait in the database as QUEUED.
 */
export type RunDispatcher = (run: { id: string; period: string }) => Promise<void>;

let dispatcher: RunDispatcher | null = null;

export function setRunDispatcher(next: RunDispatcher | null): void {
  dispatcher = next;
}

export async function dispatchRun(run: { id: string; period: string }): Promise<void> {
  await dispatcher?.(run);
}
