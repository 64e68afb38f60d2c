import { scopeTypeDefs } from '@participa/metrics';
import { defineService } from '@participa/subgraph-kit';
import { schema } from './db/index.ts';
import { createLoaders } from './loaders.ts';
import { resolvers } from './resolvers.ts';
import { seedDemo } from './seed/demo.ts';
import { seedReference } from './seed/reference.ts';

export const indicatorsService = defineService({
  name: 'indicators',
  defaultPort: 4105,
  location: import.meta.url,
  sharedTypeDefs: [scopeTypeDefs],
  resolvers,
  schema,
  createLoaders,
  seedReference,
  seedDemo,
});
