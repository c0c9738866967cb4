import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { HealthResolver } from './health.resolver';

/** `GET /health` and the `ping` query. */
@Module({
  controllers: [HealthController],
  providers: [HealthResolver],
})
export class HealthApiModule {}
