import type { Database } from '@participa/db';
import * as schema from './schema.ts';

export { schema };
export type NotificationsDb = Database<typeof schema>;
