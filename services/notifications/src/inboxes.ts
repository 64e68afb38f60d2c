import type { Identity } from '@participa/auth';

/** A signed-in person's own inbox. */
export const userInbox = (sub: string) => `user:${sub}`;

/** The inbox every holder of a role within a network sees (`*` for district-wide roles). */
export const roleInbox = (network: string, role: 'ese_staff' | 'ese_admin' | 'secretariat') =>
  `role:${network}:${role}`;

export const SECRETARIAT_INBOX = roleInbox('*', 'secretariat');

/** The inboxes a caller reads: their own and those of their roles. Anonymous callers have none. */
export function inboxesOf(identity: Identity): string[] {
  if (!identity.sub) return [];
  const inboxes = [userInbox(identity.sub)];
  for (const role of identity.roles) {
    if ((role === 'ese_staff' || role === 'ese_admin') && identity.network)
      inboxes.push(roleInbox(identity.network, role));
    if (role === 'secretariat') inboxes.push(SECRETARIAT_INBOX);
  }
  return inboxes;
}
