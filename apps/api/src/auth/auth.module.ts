import { Module } from '@nestjs/common';
import { IdentityModule } from '@enlace/identity';
import { ActorResolver } from './actor-resolver';

/** The doors' one token → actor resolver (GraphQL context, HTTP controllers, the live gateway). */
@Module({
  imports: [IdentityModule],
  providers: [ActorResolver],
  exports: [ActorResolver],
})
export class AuthModule {}
