/** `npm run token -- --role ese_staff --network CENTRO [--sub u1] [--name "Ana"]` prints a development token. */
import { parseArgs } from 'node:util';
import { isRole, type Role } from './identity.ts';
import { signDevToken } from './jwt.ts';
import { readSecret } from './secrets.ts';

const USAGE = `Prints a development token, signed with AUTH_JWT_SECRET, for the header
  Authorization: Bearer <token>

Usage: npm run token -- [options]
  --role <role>       citizen, ese_staff (default), ese_admin, secretariat or system;
                      repeat it or separate with commas for several roles
  --network <code>    the network of ESE roles: CENTRO, NORTE, ORIENTE, LADERA or SURORIENTE
  --sub <id>          user id (default: derived from the role and network)
  --name <name>       display name (default: "Usuario de desarrollo")
  --expires <span>    lifetime, e.g. 30m, 12h (default: 12h)
  --help              this text

Examples:
  npm run token -- --role ese_staff --network CENTRO
  npm run token -- --role secretariat`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

const values = (() => {
  try {
    return parseArgs({
      options: {
        role: { type: 'string', multiple: true, default: ['ese_staff'] },
        network: { type: 'string' },
        sub: { type: 'string' },
        name: { type: 'string' },
        expires: { type: 'string', default: '12h' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    return fail((error as Error).message);
  }
})();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const roles = values.role.flatMap((value) => value.split(','));
const unknown = roles.filter((role) => !isRole(role));
if (unknown.length > 0) fail(`Unknown role(s): ${unknown.join(', ')}.`);
if (roles.some((role) => role === 'ese_staff' || role === 'ese_admin') && !values.network) {
  fail('ESE roles need --network.');
}
const token = await signDevToken(
  {
    sub: values.sub ?? `dev-${roles[0]}${values.network ? `-${values.network.toLowerCase()}` : ''}`,
    name: values.name ?? 'Usuario de desarrollo',
    roles: roles as Role[],
    network: values.network?.toUpperCase(),
  },
  readSecret('AUTH_JWT_SECRET'),
  values.expires,
);
console.log(token);
