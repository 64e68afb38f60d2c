import type { Identity } from '@participa/auth';
import { unauthenticated } from './errors.ts';

/** Writes need a signed-in caller before anything else is looked up (the policy decides the rest). */
export function requireSignedIn(identity: Identity): void {
  if (!identity.sub) throw unauthenticated();
}
