import { randomInt } from 'node:crypto';
import { REFERENCE_TERRITORIES, territoryByCode, territoryById } from '@participa/reference';
import type { RegistrationStatus } from './vocabulary.ts';

/** Pure rules of the education domain (unit-tested apart from the database). */

/** A new registration takes a seat while one remains; otherwise it joins the waitlist. */
export function statusForNewRegistration(registered: number, capacity: number): RegistrationStatus {
  return registered < capacity ? 'REGISTERED' : 'WAITLISTED';
}

export function seatsLeft(capacity: number, registered: number): number {
  return Math.max(0, capacity - registered);
}

/** How many waitlisted people move up when seats are free (after a cancellation or more capacity). */
export function promotionsAvailable(capacity: number, registered: number, waitlisted: number): number {
  return Math.min(waitlisted, seatsLeft(capacity, registered));
}

// No 0/O, 1/I/L: codes are read aloud and typed from paper as well as scanned as QR.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A per-registration check-in code (front ends print it as a QR). */
export function newCheckInCode(length = 10): string {
  let code = '';
  for (let i = 0; i < length; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** Barrios and veredas count in their comuna or corregimiento: aggregates are by comuna. */
export function comunaOf(territoryId: string | null): string | null {
  if (!territoryId) return null;
  const territory = territoryById(territoryId);
  if (!territory) return null;
  return territory.parentCode ? (territoryByCode(territory.parentCode)?.id ?? null) : territory.id;
}

/** A territory and, for a comuna or corregimiento, its barrios or veredas. */
export function territoryWithChildren(territoryId: string): string[] {
  const territory = territoryById(territoryId);
  if (!territory) return [territoryId];
  return [
    territoryId,
    ...REFERENCE_TERRITORIES.filter((t) => t.parentCode === territory.code).map((t) => t.id),
  ];
}

/** Normalized identity keys: the same person is found whatever the case or spacing. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
export function normalizeDocument(document: string): string {
  return document.replace(/[\s.-]/g, '').toUpperCase();
}
