export * from './identity.ts';
export * from './identity-header.ts';
export * from './jwt.ts';
export * from './secrets.ts';
export * from './lifetime.ts';
