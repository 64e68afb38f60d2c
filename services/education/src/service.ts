import { fileURLToPath } from 'node:url';
import { auditTrailTypeDefs } from '@participa/audit-trail';
import { characterizationTypeDefs } from '@participa/characterization';
import { concatTypeDefs, loadTypeDefs, type ServiceDefinition } from '@participa/subgraph-kit';
import { schema } from './db/index.ts';
import { createLoaders, type Loaders } from './loaders.ts';
import { resolvers } from './resolvers.ts';
import { seedDemo } from './seed/demo.ts';

export const educationService: ServiceDefinition<typeof schema, Loaders> = {
  name: 'education',
  defaultPort: 4103,
  typeDefs: concatTypeDefs(
    loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
    characterizationTypeDefs,
    auditTrailTypeDefs,
  ),
  resolvers: resolvers as unknown as ServiceDefinition<typeof schema, Loaders>['resolvers'],
  schema,
  migrationsFolder: fileURLToPath(new URL('../drizzle', import.meta.url)),
  createLoaders,
  seedDemo,
};
