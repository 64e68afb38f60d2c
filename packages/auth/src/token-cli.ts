/** `npm run token -- --role ese_staff --network CENTRO [--sub u1] [--name "Ana"]` prints a development token. */
import { parseArgs } from 'node:util';
import { isRole, type Role } from './identity.ts';
import { signDevToken } from './jwt.ts';
import { readSecret } from './secrets.ts';

const { values } = parseArgs({
  options: {
    role: { type: 'string', multiple: true, default: ['ese_staff'] },
    network: { type: 'string' },
    sub: { type: 'string' },
    name: { type: 'string' },
    expires: { type: 'string', default: '12h' },
  },
});

const roles = values.role.flatMap((value) => value.split(','));
const unknown = roles.filter((role) => !isRole(role));
if (unknown.length > 0) {
  console.error(
    `Unknown role(s): ${unknown.join(', ')}. Use citizen, ese_staff, ese_admin, secretariat or system.`,
  );
  process.exit(2);
}
if (roles.some((role) => role === 'ese_staff' || role === 'ese_admin') && !values.network) {
  console.error('ESE roles need --network (CENTRO, NORTE, ORIENTE, LADERA or SURORIENTE).');
  process.exit(2);
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
