import { fileURLToPath } from 'node:url';

export const SUPERGRAPH_PATH = fileURLToPath(new URL('../supergraph.graphql', import.meta.url));
