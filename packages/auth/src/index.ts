export * from './identity.ts';
export * from './identity-header.ts';
export * from './jwt.ts';
export * from './lifetime.ts';
export * from './sealing.ts';
export * from './secrets.ts';
