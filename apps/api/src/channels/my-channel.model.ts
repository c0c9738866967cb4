import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Paginated } from '../graphql/models/connection.model';
import { ChannelModel } from './channel.model';

@ObjectType('MyChannel', { description: 'A channel I may read, with what is new for me in it.' })
export class MyChannelModel {
  @Field(() => ChannelModel)
  channel!: ChannelModel;

  @Field(() => Int, { description: 'Messages after my read marker, not written by me.' })
  unreadCount!: number;

  @Field(() => Int, { description: 'Of those, the ones that mention me.' })
  mentionCount!: number;

  @Field({ description: 'Whether I may post (members; observers only with a grant; not while muted).' })
  canPost!: boolean;
}

export const MyChannelConnection = Paginated(MyChannelModel);
