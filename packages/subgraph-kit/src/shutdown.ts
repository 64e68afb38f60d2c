import { StartupError } from './http.ts';

/** Runs a process's start-up; a `StartupError` ends it with its message alone, not a stack trace. */
export async function exitOnStartupError<T>(start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    if (!(error instanceof StartupError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

/** Tells the process that started this one (npm start) that it is serving, when there is one. */
export function announceReady(name: string, url: string): void {
  process.send?.({ type: 'ready', name, url });
}

/** Runs the registered steps (last registered first) once on SIGINT/SIGTERM, then exits. */
const steps: (() => Promise<void>)[] = [];
let installed = false;

export function onShutdown(step: () => Promise<void>): void {
  steps.unshift(step);
  if (installed) return;
  installed = true;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const timer = setTimeout(() => process.exit(1), 10_000).unref();
    for (const run of steps) {
      try {
        await run();
      } catch (error) {
        console.error(`shutdown step failed after ${signal}:`, error);
      }
    }
    clearTimeout(timer);
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}
