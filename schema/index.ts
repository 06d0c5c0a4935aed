export * from './portfolio.ts';
export * from './audit.ts';
export * from './concurrency.ts';
export * from './access.ts';
export * from './collaboration.ts';
export * from './goals.ts';
export * from './costs.ts';
