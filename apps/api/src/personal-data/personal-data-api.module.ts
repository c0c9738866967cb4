import { Module } from '@nestjs/common';
import { ChannelsModule } from '@enlace/channels';
import { DirectoryModule } from '@enlace/directory';
import { IdentityModule } from '@enlace/identity';
import { MeetingsModule } from '@enlace/meetings';
import { NotificationsModule } from '@enlace/notifications';
import { TrainingModule } from '@enlace/training';
import { ActionPlansModule } from '@enlace/action-plans';
import { PersonalDataResolver } from './personal-data.resolver';

/** The personal-data export's door: it assembles each context's part of a person's own data. */
@Module({
  imports: [
    DirectoryModule,
    IdentityModule,
    ChannelsModule,
    NotificationsModule,
    MeetingsModule,
    TrainingModule,
    ActionPlansModule,
  ],
  providers: [PersonalDataResolver],
})
export class PersonalDataApiModule {}
