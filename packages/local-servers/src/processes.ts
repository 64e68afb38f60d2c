import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** A free TCP port on loopback, chosen by the kernel. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

/** Whether a process with this pid runs and its command line contains `name` (a pid may be reused). */
export function isRunning(pid: number, name: string): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it runs, under another user (the unprivileged PostgreSQL user when we are root).
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(name);
  } catch {
    // No /proc (macOS): trust the signal probe.
    return true;
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the process is gone; `false` if it still runs after `timeoutMs`. */
export async function waitForExit(pid: number, name: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isRunning(pid, name)) return true;
    await sleep(50);
  }
  return !isRunning(pid, name);
}

/**
 * Stops a server we own: `signal` first (its graceful shutdown), then SIGKILL if it does not go
 * within `timeoutMs`.
 */
export async function stopProcess(pid: number, name: string, signal: NodeJS.Signals, timeoutMs = 15_000) {
  try {
    process.kill(pid, signal);
  } catch {
    return;
  }
  if (await waitForExit(pid, name, timeoutMs)) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // gone meanwhile
  }
  await waitForExit(pid, name, 5_000);
}
