export * from './identity.module';
export * from './networks/network.entity';
export * from './permissions/permission-matrix';
export * from './sessions/actor.service';
