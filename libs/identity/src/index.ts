export * from './identity.module';
export * from './sessions/actor.service';
export * from './networks/network.entity';
