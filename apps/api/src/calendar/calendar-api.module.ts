import { Module } from '@nestjs/common';
import { MeetingsModule } from '@enlace/meetings';
import { TrainingModule } from '@enlace/training';
import { AuthModule } from '../auth/auth.module';
import { CalendarFeedService } from './calendar-feed.service';
import { CalendarController } from './calendar.controller';

/** The personal calendar feed, composed of the meetings' and the trainings' entries. */
@Module({
  imports: [MeetingsModule, TrainingModule, AuthModule],
  controllers: [CalendarController],
  providers: [CalendarFeedService],
})
export class CalendarApiModule {}
