import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { instantToLocal } from '@enlace/core';
import type { AttendanceRow, AttendanceStatus, SessionRow, TrainingRow } from '@enlace/training';
import { TrainingAttendanceStatusEnum } from './training.enums';

@ObjectType('TrainingAttendance', { description: 'Whether one enrolled person attended one session.' })
export class TrainingAttendanceModel {
  @Field(() => ID)
  sessionId!: string;

  @Field(() => ID)
  enrolmentId!: string;

  @Field(() => ID)
  personId!: string;

  @Field(() => TrainingAttendanceStatusEnum)
  status!: AttendanceStatus;

  @Field(() => Date)
  recordedAt!: Date;
}

export function toTrainingAttendanceModel(a: AttendanceRow): TrainingAttendanceModel {
  return {
    sessionId: a.sessionId,
    enrolmentId: a.enrolmentId,
    personId: a.personId,
    status: a.status,
    recordedAt: a.recordedAt,
  };
}

@ObjectType('TrainingSession', { description: 'A session of a training, covering one or more of its modules.' })
export class TrainingSessionModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  trainingId!: string;

  @Field({ description: 'Local start in the training’s zone, "YYYY-MM-DDTHH:mm".' })
  start!: string;

  @Field({ description: 'Local end in the training’s zone, "YYYY-MM-DDTHH:mm".' })
  end!: string;

  @Field(() => Date)
  startsAt!: Date;

  @Field(() => Date)
  endsAt!: Date;

  @Field(() => String, { nullable: true })
  place!: string | null;

  @Field(() => [ID], { description: 'Modules covered, in curriculum order.' })
  moduleIds!: string[];

  @Field(() => [ID])
  trainerIds!: string[];

  @Field(() => Int, { description: 'Attendance entries recorded.' })
  recorded!: number;

  @Field(() => Int)
  version!: number;

  session!: SessionRow;
  training!: TrainingRow;
}

export function toTrainingSessionModel(s: SessionRow, training: TrainingRow): TrainingSessionModel {
  return {
    id: s.id,
    trainingId: s.trainingId,
    start: instantToLocal(s.startsAt, s.timeZone),
    end: instantToLocal(s.endsAt, s.timeZone),
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    place: s.place,
    moduleIds: s.moduleIds,
    trainerIds: s.trainerIds,
    recorded: s.recorded,
    version: s.version,
    session: s,
    training,
  };
}
