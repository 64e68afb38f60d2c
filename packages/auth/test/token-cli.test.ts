import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';

const cli = path.resolve(import.meta.dirname, '../src/token-cli.ts');
const run = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], {
    encoding: 'utf8',
    env: { ...process.env },
  });

describe('npm run token', () => {
  it('explains itself with --help and exits 0', () => {
    const result = run('--help');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Usage: npm run token -- [options]');
    expect(result.stderr).toBe('');
  });

  it('refuses an unknown option or role with the usage, not a stack trace', () => {
    for (const args of [['--bogus'], ['--role', 'admin'], ['--role', 'ese_staff']]) {
      const result = run(...args);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain('Usage: npm run token');
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('prints a token with the role and network asked for', () => {
    const result = run('--role', 'ese_staff', '--network', 'centro');
    expect(result.status).toBe(0);
    expect(decodeJwt(result.stdout.trim())).toMatchObject({ roles: ['ese_staff'], network: 'CENTRO' });
  });
});
