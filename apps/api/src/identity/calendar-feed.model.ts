import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('CalendarFeed', {
  description: 'My private calendar feed link. Shown once: creating a new one revokes this one.',
})
export class CalendarFeedModel {
  @Field({ description: 'Subscribe to this address in a calendar program; keep it private.' })
  url!: string;

  @Field(() => Date)
  createdAt!: Date;
}
