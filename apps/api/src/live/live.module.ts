import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { LiveAccess } from './live-access';
import { LiveGateway } from './live.gateway';
import { LiveHandlerRegistry } from './live-handler.registry';

/**
 * The live door: the Socket.IO gateway on `/live` and the registry each context's api module
 * registers its events and rooms with (`LiveHandlerRegistry`). Imported by those api modules.
 */
@Module({
  imports: [AuthModule],
  providers: [LiveGateway, LiveHandlerRegistry, LiveAccess],
  exports: [LiveHandlerRegistry],
})
export class LiveModule {}
