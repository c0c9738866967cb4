export * from './factories';
export * from './directory-factories';
export * from './test-database';
export * from './visibility-cases';
export * from './smtp-test-server';
export * from './actors';
export * from './engines';
export * from './test-context';
