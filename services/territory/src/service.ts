import { fileURLToPath } from 'node:url';
import { auditTrailTypeDefs } from '@participa/audit-trail';
import { concatTypeDefs, loadTypeDefs, type ServiceDefinition } from '@participa/subgraph-kit';
import { schema } from './db/index.ts';
import { createLoaders, type Loaders } from './loaders.ts';
import { resolvers } from './resolvers.ts';
import { seedDemo } from './seed/demo.ts';
import { seedReference } from './seed/reference.ts';

export const territoryService: ServiceDefinition<typeof schema, Loaders> = {
  name: 'territory',
  defaultPort: 4101,
  typeDefs: concatTypeDefs(loadTypeDefs(new URL('./schema.graphql', import.meta.url)), auditTrailTypeDefs),
  resolvers: resolvers as unknown as ServiceDefinition<typeof schema, Loaders>['resolvers'],
  schema,
  migrationsFolder: fileURLToPath(new URL('../drizzle', import.meta.url)),
  createLoaders,
  seedReference,
  seedDemo,
};
