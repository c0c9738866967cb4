import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  CompletionService,
  CurriculumService,
  EnrolmentService,
  SessionService,
  TrainingService,
} from '@enlace/training';
import { toConnection } from '../graphql/models/connection.model';
import type { RequestContext } from '../graphql/request-context';
import { CreateCurriculumInput } from './create-curriculum.input';
import { CreateTrainingInput } from './create-training.input';
import { CurriculumStepInput } from './curriculum-step.input';
import { CurriculumVersionConnection, CurriculumVersionModel, toCurriculumVersionModel } from './curriculum.model';
import { NominateInput } from './nominate.input';
import { CurriculaArgs, TrainingsArgs } from './training.args';
import { EnrolmentModel, toEnrolmentModel, toTrainingModel, TrainingConnection, TrainingModel } from './training.model';
import { TrainingStepInput } from './training-step.input';
import { SetCompletionRuleInput } from './set-completion-rule.input';
import { toTrainingSessionModel, TrainingSessionModel } from './training-session.model';
import { UpdateCurriculumInput } from './update-curriculum.input';

@Resolver(() => TrainingModel)
export class TrainingResolver {
  constructor(
    private readonly curricula: CurriculumService,
    private readonly trainings: TrainingService,
    private readonly enrolmentService: EnrolmentService,
    private readonly sessionService: SessionService,
    private readonly completion: CompletionService,
  ) {}

  @Query(() => CurriculumVersionConnection, {
    name: 'curricula',
    description: 'Curriculum versions I may read (published ones are public).',
  })
  async curriculaList(@Args() args: CurriculaArgs, @Context() ctx: RequestContext) {
    return toConnection(await this.curricula.list(ctx.actor, args), (v) => toCurriculumVersionModel(v, ctx.translator));
  }

  @Query(() => CurriculumVersionModel, { description: 'One curriculum version.' })
  async curriculum(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext) {
    return toCurriculumVersionModel(await this.curricula.get(ctx.actor, id), ctx.translator);
  }

  @Mutation(() => CurriculumVersionModel, {
    description: 'A new curriculum, its first version as a draft (secretariat).',
  })
  async createCurriculum(@Args('input') input: CreateCurriculumInput, @Context() ctx: RequestContext) {
    return toCurriculumVersionModel(await this.curricula.create(ctx.actor, input), ctx.translator);
  }

  @Mutation(() => CurriculumVersionModel, { description: 'Edits a draft version.' })
  async updateCurriculum(@Args('input') input: UpdateCurriculumInput, @Context() ctx: RequestContext) {
    return toCurriculumVersionModel(await this.curricula.update(ctx.actor, input), ctx.translator);
  }

  @Mutation(() => CurriculumVersionModel, { description: 'DRAFT → PUBLISHED: the version never changes again.' })
  async publishCurriculum(@Args('input') input: CurriculumStepInput, @Context() ctx: RequestContext) {
    return toCurriculumVersionModel(await this.curricula.publish(ctx.actor, input), ctx.translator);
  }

  @Mutation(() => CurriculumVersionModel, { description: 'PUBLISHED → ARCHIVED.' })
  async archiveCurriculum(@Args('input') input: CurriculumStepInput, @Context() ctx: RequestContext) {
    return toCurriculumVersionModel(await this.curricula.archive(ctx.actor, input), ctx.translator);
  }

  @Mutation(() => CurriculumVersionModel, { description: 'A new draft version copied from a published one.' })
  async newCurriculumVersion(
    @Args('fromVersionId', { type: () => ID }) fromVersionId: string,
    @Context() ctx: RequestContext,
  ) {
    return toCurriculumVersionModel(await this.curricula.newVersion(ctx.actor, { fromVersionId }), ctx.translator);
  }

  @Query(() => TrainingConnection, { name: 'trainings', description: 'Trainings I may read, soonest first.' })
  async trainingsList(@Args() args: TrainingsArgs, @Context() ctx: RequestContext) {
    return toConnection(await this.trainings.list(ctx.actor, args), (tr) => toTrainingModel(tr, ctx.translator));
  }

  @Query(() => TrainingModel, { description: 'One training; NOT_FOUND when it does not exist or I may not read it.' })
  async training(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext) {
    return toTrainingModel(await this.trainings.get(ctx.actor, id), ctx.translator);
  }

  @ResolveField(() => [EnrolmentModel], {
    description: 'Nominations I may read: all for those who run it, my state’s for a focal point, my own otherwise.',
  })
  async enrolments(@Parent() training: TrainingModel, @Context() ctx: RequestContext) {
    const rows = await this.enrolmentService.forTraining(ctx.actor, ctx.loaders, training.row);
    return rows.map((e) => toEnrolmentModel(e, ctx.translator));
  }

  @ResolveField(() => [TrainingSessionModel], { description: 'Its sessions, in order of start.' })
  async sessions(@Parent() training: TrainingModel, @Context() ctx: RequestContext) {
    const rows = await this.sessionService.forTraining(ctx.loaders, training.row);
    return rows.map((s) => toTrainingSessionModel(s, training.row));
  }

  @Mutation(() => TrainingModel, {
    description:
      'RUNNING → COMPLETED (secretariat): every seated enrolment is evaluated against the completion rule, COMPLETED or kept with the reason.',
  })
  async completeTraining(@Args('input') input: TrainingStepInput, @Context() ctx: RequestContext) {
    return toTrainingModel((await this.completion.complete(ctx.actor, input)).training, ctx.translator);
  }

  @Mutation(() => TrainingModel, { description: 'How the training decides who completed it (until it completes).' })
  async setCompletionRule(@Args('input') input: SetCompletionRuleInput, @Context() ctx: RequestContext) {
    return toTrainingModel(await this.trainings.setCompletionRule(ctx.actor, input), ctx.translator);
  }

  @Mutation(() => TrainingModel, { description: 'A new training (DRAFT) delivering a published curriculum version.' })
  async createTraining(@Args('input') input: CreateTrainingInput, @Context() ctx: RequestContext) {
    return toTrainingModel(await this.trainings.create(ctx.actor, input), ctx.translator);
  }

  @Mutation(() => TrainingModel, { description: 'DRAFT or CLOSED → OPEN for nominations.' })
  async openNominations(@Args('input') input: TrainingStepInput, @Context() ctx: RequestContext) {
    return toTrainingModel(await this.trainings.openNominations(ctx.actor, input), ctx.translator);
  }

  @Mutation(() => TrainingModel, { description: 'OPEN → CLOSED.' })
  async closeNominations(@Args('input') input: TrainingStepInput, @Context() ctx: RequestContext) {
    return toTrainingModel(await this.trainings.closeNominations(ctx.actor, input), ctx.translator);
  }

  @Mutation(() => TrainingModel, { description: 'CLOSED → RUNNING.' })
  async startTraining(@Args('input') input: TrainingStepInput, @Context() ctx: RequestContext) {
    return toTrainingModel(await this.trainings.startTraining(ctx.actor, input), ctx.translator);
  }

  @Mutation(() => TrainingModel, { description: 'Cancels a training that has not run.' })
  async cancelTraining(@Args('input') input: TrainingStepInput, @Context() ctx: RequestContext) {
    return toTrainingModel(await this.trainings.cancelTraining(ctx.actor, input), ctx.translator);
  }

  @Mutation(() => EnrolmentModel, {
    description: 'Nominates an official: CONFIRMED while seats and quota allow, else WAITLISTED.',
  })
  async nominate(@Args('input') input: NominateInput, @Context() ctx: RequestContext) {
    return toEnrolmentModel(await this.enrolmentService.nominate(ctx.actor, input), ctx.translator);
  }

  @Mutation(() => EnrolmentModel, {
    description:
      'Withdraws a nomination (the nominee, their state’s focal point, the secretariat); a freed seat goes to the waitlist.',
  })
  async withdraw(@Args('enrolmentId', { type: () => ID }) enrolmentId: string, @Context() ctx: RequestContext) {
    return toEnrolmentModel(await this.enrolmentService.withdraw(ctx.actor, { enrolmentId }), ctx.translator);
  }

  @Mutation(() => EnrolmentModel, {
    description:
      'The secretariat confirms a waitlisted nomination while a seat is free, above its country’s quota if need be.',
  })
  async confirmEnrolment(@Args('enrolmentId', { type: () => ID }) enrolmentId: string, @Context() ctx: RequestContext) {
    return toEnrolmentModel(await this.enrolmentService.confirm(ctx.actor, { enrolmentId }), ctx.translator);
  }

  @Mutation(() => EnrolmentModel, { description: 'The nominee declines; a freed seat goes to the waitlist.' })
  async declineEnrolment(@Args('enrolmentId', { type: () => ID }) enrolmentId: string, @Context() ctx: RequestContext) {
    return toEnrolmentModel(await this.enrolmentService.decline(ctx.actor, { enrolmentId }), ctx.translator);
  }
}
