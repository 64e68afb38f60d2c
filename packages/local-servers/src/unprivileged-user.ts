import { readFileSync } from 'node:fs';

export interface SystemUser {
  name: string;
  uid: number;
  gid: number;
}

/**
 * PostgreSQL refuses to run as root (containers, CI). As root, the embedded server runs as an
 * existing unprivileged user: `PARTICIPA_POSTGRES_USER`, else `nobody`. No user is created: the
 * machine is left as it was. `undefined` when we are not root.
 */
export function unprivilegedUser(env: NodeJS.ProcessEnv = process.env): SystemUser | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const name = env.PARTICIPA_POSTGRES_USER || 'nobody';
  const entry = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .map((line) => line.split(':'))
    .find((fields) => fields[0] === name);
  if (!entry)
    throw new Error(
      `Running as root: PostgreSQL needs an unprivileged user, and "${name}" does not exist. Set PARTICIPA_POSTGRES_USER.`,
    );
  return { name, uid: Number(entry[2]), gid: Number(entry[3]) };
}
