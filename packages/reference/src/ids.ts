import { v5 as uuidv5 } from 'uuid';

const NAMESPACE = '5c0b6a43-7d7e-4f39-9d51-0a7b2c1e8f10';

/**
 * UUIDv5 of a record's kind and key: the same id in every database and every deployment, so that
 * one subgraph can name a record another subgraph stores without reading its tables.
 */
export const stableId = (kind: string, key: string): string => uuidv5(`${kind}:${key}`, NAMESPACE);
