import { defineService } from '@participa/subgraph-kit';
import { schema } from './db/index.ts';
import { resolvers } from './resolvers.ts';
import { purgeExpired } from './retention.ts';

export const notificationsService = defineService({
  name: 'notifications',
  defaultPort: 4106,
  location: import.meta.url,
  resolvers,
  schema,
  createLoaders: () => ({}),
  purgeExpired,
});
