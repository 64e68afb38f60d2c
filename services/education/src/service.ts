import { auditTrailTypeDefs } from '@participa/audit-trail';
import { characterizationTypeDefs } from '@participa/characterization';
import { defineService, mergeResolvers } from '@participa/subgraph-kit';
import { campaignResolvers } from './campaigns/resolvers.ts';
import { schema } from './db/index.ts';
import { createLoaders } from './loaders.ts';
import { portfolioResolvers } from './portfolio.ts';
import { resolvers } from './resolvers.ts';
import { seedDemo } from './seed/demo.ts';

export const educationService = defineService({
  name: 'education',
  defaultPort: 4103,
  location: import.meta.url,
  sharedTypeDefs: [characterizationTypeDefs, auditTrailTypeDefs],
  resolvers: mergeResolvers(resolvers, portfolioResolvers, campaignResolvers),
  schema,
  createLoaders,
  seedDemo,
});
