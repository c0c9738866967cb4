import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { Translator } from '@enlace/core';
import { AgendaService, AgendaView } from '@enlace/meetings';
import type { RequestContext } from '../graphql/request-context';
import { AddAgendaItemInput } from './add-agenda-item.input';
import { AgendaPayloadModel, MeetingAgendaModel, toAgendaModel } from './agenda.model';
import { MeetingModel } from './meeting.model';
import { MoveAgendaItemInput } from './move-agenda-item.input';
import { RemoveAgendaItemInput } from './remove-agenda-item.input';
import { UpdateAgendaItemInput } from './update-agenda-item.input';

@Resolver(() => MeetingModel)
export class AgendaResolver {
  constructor(private readonly service: AgendaService) {}

  @ResolveField(() => MeetingAgendaModel, {
    description:
      'The agenda, numbered, with the running total against the slot; open follow-ups of the body’s earlier meetings come first.',
  })
  async agenda(@Parent() meeting: MeetingModel, @Context() ctx: RequestContext) {
    return toAgendaModel(await this.service.agenda(ctx.actor, ctx.loaders, meeting.row), ctx.translator);
  }

  @Mutation(() => AgendaPayloadModel, { description: 'Adds an agenda item (organisers, until the meeting is held).' })
  async addAgendaItem(@Args('input') input: AddAgendaItemInput, @Context() ctx: RequestContext) {
    const { agenda, itemId } = await this.service.addItem(ctx.actor, input);
    return payload(agenda, itemId, ctx.translator);
  }

  @Mutation(() => AgendaPayloadModel, { description: 'Changes an agenda item’s title, presenter, duration or links.' })
  async updateAgendaItem(@Args('input') input: UpdateAgendaItemInput, @Context() ctx: RequestContext) {
    const { agenda, itemId } = await this.service.updateItem(ctx.actor, input);
    return payload(agenda, itemId, ctx.translator);
  }

  @Mutation(() => AgendaPayloadModel, {
    description:
      'Reorders an item and/or moves it under another one, in one change; under its own sub-item is refused.',
  })
  async moveAgendaItem(@Args('input') input: MoveAgendaItemInput, @Context() ctx: RequestContext) {
    const { agenda, itemId } = await this.service.moveItem(ctx.actor, input);
    return payload(agenda, itemId, ctx.translator);
  }

  @Mutation(() => AgendaPayloadModel, { description: 'Removes an agenda item with its sub-items.' })
  async removeAgendaItem(@Args('input') input: RemoveAgendaItemInput, @Context() ctx: RequestContext) {
    return payload(await this.service.removeItem(ctx.actor, input), null, ctx.translator);
  }
}

function payload(view: AgendaView, itemId: string | null, t: Translator) {
  const agenda = toAgendaModel(view, t);
  return { agenda, item: agenda.items.find((i) => i.id === itemId) ?? null } satisfies AgendaPayloadModel;
}
