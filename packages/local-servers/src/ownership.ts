import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isRunning } from './processes.ts';

/**
 * A local server runs in its own process group, so a Ctrl-C in the terminal reaches the services
 * first and the server is stopped last, on purpose. The price: a `kill -9` of `npm start` leaves
 * the server behind. An owner file next to its data records which process started it, so the next
 * start can tell a server still in use (refuse, say what to do) from an orphan (stop it, go on).
 */
export interface Owner {
  /** The process that started the server (npm start, a test run). */
  owner: number;
  /** The server's own pid. */
  pid: number;
  port: number;
}

export function readOwner(file: string): Owner | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Owner;
  } catch {
    return undefined;
  }
}

export function writeOwner(file: string, owner: Owner): void {
  writeFileSync(file, JSON.stringify(owner));
}

export function removeOwner(file: string): void {
  rmSync(file, { force: true });
}

/** Throws when another live process owns the server of this data folder. */
export function refuseIfInUse(file: string, what: string, dataDir: string): Owner | undefined {
  const previous = readOwner(file);
  if (previous && previous.owner !== process.pid && isRunning(previous.owner, 'node')) {
    throw new Error(
      `${what} in ${dataDir} is in use by another process (pid ${previous.owner}, port ${previous.port}). ` +
        'Stop that platform first (Ctrl-C in its terminal), or start this one with another PARTICIPA_DATA_DIR.',
    );
  }
  return previous;
}
