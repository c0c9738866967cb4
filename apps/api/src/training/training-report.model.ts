import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { Alumnus, TrainingReport } from '@enlace/training';

@ObjectType('TrainingReportGroup', {
  description: 'Officials trained in one country, network, organisation, year or cycle.',
})
export class TrainingReportGroupModel {
  @Field(() => String, {
    nullable: true,
    description: 'Country code, network id, organisation id, year or curriculum version id; null: no organisation.',
  })
  key!: string | null;

  @Field({ description: 'In the request’s language.' })
  label!: string;

  @Field(() => Int, { description: 'Distinct officials trained.' })
  officials!: number;

  @Field(() => Int, { description: 'Distinct trainings they were trained in.' })
  trainings!: number;
}

@ObjectType('AlumnusTraining', { description: 'One training an official was trained in.' })
export class AlumnusTrainingModel {
  @Field(() => ID)
  trainingId!: string;

  @Field()
  title!: string;

  @Field()
  startsAt!: Date;

  @Field(() => Int)
  year!: number;

  @Field()
  memberState!: string;

  @Field({ description: 'ATTENDED or COMPLETED.' })
  status!: string;

  @Field({ description: 'The curriculum cycle: its title and version.' })
  cycle!: string;

  @Field(() => ID)
  curriculumId!: string;

  @Field(() => Int)
  curriculumNumber!: number;
}

@ObjectType('Alumnus', { description: 'An official trained, with their trainings.' })
export class AlumnusModel {
  @Field(() => ID)
  personId!: string;

  @Field()
  name!: string;

  @Field(() => [String])
  memberStates!: string[];

  @Field(() => String, { nullable: true, description: 'Their ministry or organisation.' })
  organisation!: string | null;

  @Field(() => Int, { description: 'Distinct curriculum cycles (versions) they were trained in.' })
  cycles!: number;

  @Field(() => [AlumnusTrainingModel])
  trainings!: AlumnusTrainingModel[];
}

@ObjectType('UntrainedMemberState', { description: 'A current member state with no trained official yet.' })
export class UntrainedMemberStateModel {
  @Field(() => ID)
  networkId!: string;

  @Field()
  network!: string;

  @Field()
  countryCode!: string;

  @Field()
  country!: string;
}

@ObjectType('TrainingReport', {
  description:
    'Alumni (SPEC §4.2): officials trained (ATTENDED or COMPLETED) in the trainings I may read, counting only enrolments I may see.',
})
export class TrainingReportModel {
  @Field(() => Int, { description: 'Distinct officials trained.' })
  officials!: number;

  @Field(() => Int)
  trainings!: number;

  @Field(() => [TrainingReportGroupModel], { description: 'Per member state the officials were nominated for.' })
  byCountry!: TrainingReportGroupModel[];

  @Field(() => [TrainingReportGroupModel])
  byNetwork!: TrainingReportGroupModel[];

  @Field(() => [TrainingReportGroupModel], {
    description: 'Per ministry or organisation (the official’s current one).',
  })
  byOrganisation!: TrainingReportGroupModel[];

  @Field(() => [TrainingReportGroupModel], { description: 'Per year of the training’s start, in its time zone.' })
  byYear!: TrainingReportGroupModel[];

  @Field(() => [TrainingReportGroupModel], { description: 'Per curriculum cycle (curriculum version).' })
  byCycle!: TrainingReportGroupModel[];

  @Field(() => [AlumnusModel], { description: 'Officials trained in two trainings or more.' })
  trainedMoreThanOnce!: AlumnusModel[];

  @Field(() => [UntrainedMemberStateModel], {
    description:
      'Member states I answer for (all of a network I run trainings for, my own as focal point) with no trained official.',
  })
  untrainedMemberStates!: UntrainedMemberStateModel[];
}

export function toTrainingReportModel(report: TrainingReport): TrainingReportModel {
  return { ...report, trainedMoreThanOnce: report.trainedMoreThanOnce.map(toAlumnusModel) };
}

function toAlumnusModel(a: Alumnus): AlumnusModel {
  return { ...a, trainings: a.trainings.map((x) => ({ ...x })) };
}
