import { auditTrailTypeDefs } from '@participa/audit-trail';
import { characterizationTypeDefs } from '@participa/characterization';
import { metricsTypeDefs, withResolvers } from '@participa/metrics';
import { defineService } from '@participa/subgraph-kit';
import { schema } from './db/index.ts';
import { createLoaders } from './loaders.ts';
import { educationMetrics } from './metrics.ts';
import { resolvers } from './resolvers.ts';
import { seedDemo } from './seed/demo.ts';

export const educationService = defineService({
  name: 'education',
  defaultPort: 4103,
  location: import.meta.url,
  sharedTypeDefs: [characterizationTypeDefs, auditTrailTypeDefs, metricsTypeDefs, educationMetrics.typeDefs],
  resolvers: withResolvers(resolvers, educationMetrics.resolvers),
  schema,
  createLoaders,
  seedDemo,
});
