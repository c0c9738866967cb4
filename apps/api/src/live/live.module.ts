import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { LiveAccess } from './live-access';
import { LiveGateway } from './live.gateway';
import { LiveHandlerRegistry } from './live-handler.registry';
import { LiveBudget } from './live-rate-limit';
import { LiveRedis } from './live-redis';

/**
 * The live door: the Socket.IO gateway on `/live` and the registry each context's api module
 * registers its events and rooms with (`LiveHandlerRegistry`). Imported by those api modules, by
 * health for the state of the live door's Redis (`LiveRedis`), and by the metrics, which count the
 * gateway's sockets.
 */
@Module({
  imports: [AuthModule],
  providers: [LiveGateway, LiveHandlerRegistry, LiveAccess, LiveBudget, LiveRedis],
  exports: [LiveHandlerRegistry, LiveRedis, LiveGateway],
})
export class LiveModule {}
