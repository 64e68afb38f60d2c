import { createSealer } from '@participa/auth';

/**
 * What this service keeps sealed at rest (a signed-in person's e-mail, webhook keys), under
 * `NOTIFICATIONS_ENCRYPTION_KEY` (32 bytes, base64; a development key outside production).
 */
export const sealer = createSealer('NOTIFICATIONS_ENCRYPTION_KEY', 'participa-salud-dev-notify-key32');
