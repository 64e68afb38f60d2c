import type { ServiceContext } from '@participa/subgraph-kit';
import type { schema } from './db/index.ts';
import type { Loaders } from './loaders.ts';

export type Context = ServiceContext<typeof schema, Loaders>;
