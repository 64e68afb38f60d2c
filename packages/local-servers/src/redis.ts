import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { refuseIfInUse, removeOwner, writeOwner } from './ownership.ts';
import { freePort, isRunning, sleep, stopProcess } from './processes.ts';

/** `redis-server` on PATH, if any (no npm package ships Redis). */
export function findRedisServer(env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, 'redis-server');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

export const HOW_TO_GET_REDIS =
  'install Redis (apt-get install redis-server, brew install redis, …) so npm start runs a private one, ' +
  'set REDIS_URL, or run `docker compose up -d redis` and set REDIS_URL=redis://127.0.0.1:6379';

/** Whether a Redis server answers PING at this URL (with its password, if the URL has one). */
export function redisAnswers(url: string, timeoutMs = 1_000): Promise<boolean> {
  const { hostname, port, password } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port || 6379) });
    let reply = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('+PONG')) done(true);
      else if (reply.includes('-')) done(false);
    });
    socket.once('connect', () =>
      socket.write(password ? `AUTH ${decodeURIComponent(password)}\r\nPING\r\n` : 'PING\r\n'),
    );
  });
}

export interface PrivateRedis {
  url: string;
  stop(): Promise<void>;
}

/**
 * A private `redis-server` for one platform: loopback, a free port, a generated password, its data
 * (append-only file, so queued jobs survive a restart) under `root/redis`.
 */
export async function startPrivateRedis(options: {
  root: string;
  log?: (line: string) => void;
}): Promise<PrivateRedis> {
  const log = options.log ?? (() => {});
  const executable = findRedisServer();
  if (!executable) throw new Error(`redis-server is not installed: ${HOW_TO_GET_REDIS}`);
  const root = path.resolve(options.root);
  const dataDir = path.join(root, 'redis');
  const ownerFile = path.join(root, 'redis.owner');
  const passwordFile = path.join(root, 'redis.password');
  const logFile = path.join(root, 'redis.log');
  mkdirSync(dataDir, { recursive: true });

  const previous = refuseIfInUse(ownerFile, 'The private Redis server', dataDir);
  if (previous && isRunning(previous.pid, 'redis-server')) {
    log(`stopping the Redis server a previous start left behind (pid ${previous.pid})`);
    await stopProcess(previous.pid, 'redis-server', 'SIGTERM');
  }
  removeOwner(ownerFile);
  if (!existsSync(passwordFile))
    writeFileSync(passwordFile, randomBytes(24).toString('hex'), { mode: 0o600 });
  const password = readFileSync(passwordFile, 'utf8').trim();
  const port = await freePort();
  // The password goes through a config file (mode 600), not the command line that `ps` shows.
  const config = path.join(root, 'redis.conf');
  writeFileSync(
    config,
    [
      'bind 127.0.0.1',
      `port ${port}`,
      `dir ${dataDir}`,
      `requirepass ${password}`,
      'appendonly yes',
      'save ""',
      'daemonize no',
      `logfile ""`,
    ].join('\n'),
    { mode: 0o600 },
  );
  const out = openSync(logFile, 'a');
  const server = spawn(executable, [config], { detached: true, stdio: ['ignore', out, out] });
  closeSync(out);
  server.unref();
  const pid = server.pid;
  if (!pid) throw new Error('redis-server could not be started');
  writeOwner(ownerFile, { owner: process.pid, pid, port });
  const url = `redis://:${password}@127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  while (!(await redisAnswers(url))) {
    if (server.exitCode !== null || Date.now() > deadline) {
      await stopProcess(pid, 'redis-server', 'SIGTERM');
      removeOwner(ownerFile);
      throw new Error(`redis-server did not start (see ${logFile})`);
    }
    await sleep(50);
  }
  log(`Redis ${port} ready (data in ${dataDir})`);
  return {
    url,
    async stop() {
      await stopProcess(pid, 'redis-server', 'SIGTERM');
      removeOwner(ownerFile);
    },
  };
}
