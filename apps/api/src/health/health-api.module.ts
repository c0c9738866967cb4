import { Module } from '@nestjs/common';
import { LiveModule } from '../live/live.module';
import { HealthController } from './health.controller';
import { HealthResolver } from './health.resolver';

/** `GET /health` (the database, and the live door's Redis when configured) and the `ping` query. */
@Module({
  imports: [LiveModule],
  controllers: [HealthController],
  providers: [HealthResolver],
})
export class HealthApiModule {}
