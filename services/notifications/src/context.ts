import type { ServiceContext } from '@participa/subgraph-kit';
import type { schema } from './db/index.ts';

export type Context = ServiceContext<typeof schema, Record<string, never>>;
