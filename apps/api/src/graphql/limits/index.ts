export * from './cost-limit.rule';
export * from './limit-error';
export * from './limits.config';
export * from './max-aliases.rule';
export * from './max-depth.rule';
export * from './token-limit';
