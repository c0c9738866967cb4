import { Inject, Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import {
  Actor,
  APP_CONFIG,
  AppConfig,
  AuditRepository,
  CalendarEntry,
  buildTranslatableText,
  can,
  cursorKey,
  DomainError,
  FieldError,
  I18nService,
  instantToLocal,
  isCountryCode,
  isLanguage,
  isUuid,
  Language,
  memberNetworkIds,
  mergeTranslatableText,
  NETWORK_ROLES,
  NetworkRole,
  Page,
  pageRequest,
  requirePerson,
  RequestLoaders,
  resolveText,
  throwIfAny,
  toPage,
  TransactionRunner,
  TranslatableText,
  TranslationInputLike,
  Tx,
  Visibility,
  VISIBILITIES,
} from '@enlace/core';
import { NotificationService } from '@enlace/notifications';
import { meetingCalendar, meetingEntries } from '../calendar/meeting-calendar';
import { MeetingChannelService } from '../channel/meeting-channel.service';
import { RoleInvitationRepository } from '../invitation/role-invitation.repository';
import {
  checkOnlineUrl,
  checkSchedule,
  HOST_ROLES,
  HostRole,
  MAX_DESCRIPTION_LENGTH,
  MAX_INVITEES_PER_CALL,
  MAX_TITLE_LENGTH,
  MEETING_KINDS,
  MEETING_STATUSES,
  MeetingKind,
  MeetingStatus,
  RSVP_RESPONSES,
  RsvpResponse,
  transitionError,
} from '../meetings-rules';
import { InviteeRow, MeetingHost, MeetingRow } from './meeting.entity';
import { MeetingFilter, MeetingRepository, MeetingValues, Recipient } from './meeting.repository';

export interface MeetingFieldsCommand {
  readonly kind?: string | null;
  readonly title?: readonly TranslationInputLike[] | null;
  readonly description?: readonly TranslationInputLike[] | null;
  /** Local wall-clock times in `timeZone`, "YYYY-MM-DDTHH:mm". */
  readonly start?: string | null;
  readonly end?: string | null;
  readonly timeZone?: string | null;
  readonly place?: string | null;
  readonly onlineUrl?: string | null;
  readonly languages?: readonly string[] | null;
  readonly interpretation?: readonly string[] | null;
  readonly visibility?: string | null;
  /** A joint meeting's partner networks. */
  readonly partnerNetworkIds?: readonly string[] | null;
  readonly hosts?: readonly { countryCode: string; role: string }[] | null;
}

export interface CreateMeetingCommand extends MeetingFieldsCommand {
  readonly networkId: string;
}

export interface UpdateMeetingCommand extends MeetingFieldsCommand {
  readonly meetingId: string;
  readonly expectedVersion: number;
}

export interface LifecycleCommand {
  readonly meetingId: string;
  readonly expectedVersion: number;
}

export interface RescheduleCommand extends LifecycleCommand {
  readonly start: string;
  readonly end: string;
  readonly timeZone?: string | null;
  readonly place?: string | null;
  readonly onlineUrl?: string | null;
}

export interface InviteCommand {
  readonly meetingId: string;
  readonly personIds?: readonly string[] | null;
  /** Whole roles: every current holder of `role` in `networkId` (the owner or a partner of a joint meeting). */
  readonly roles?: readonly { networkId: string; role: string }[] | null;
}

export interface MeetingListArgs {
  readonly first?: number | null;
  readonly after?: string | null;
  readonly networkId?: string | null;
  readonly kind?: string | null;
  readonly status?: string | null;
  readonly from?: Date | null;
  readonly to?: Date | null;
  readonly mine?: boolean | null;
  /** Newest first (the archive) instead of soonest first (the calendar). */
  readonly descending?: boolean | null;
}

const MAX_PLACE_LENGTH = 300;
/** A feed holds a person's latest 500 meetings (5 pages of 100). */
const FEED_PAGES = 5;

/** What changed in a lifecycle step, for the notification it sends. */
type Announcement = 'meetingScheduled' | 'meetingRescheduled' | 'meetingCancelled';

/**
 * Meetings (SPEC §4.3): who may read them (the repository's predicate), who runs them (RUN_MEETINGS in
 * the owner network: its secretariat, administrators), their lifecycle and their invitees. Every change
 * is audited in its transaction; invitees hear of scheduling, rescheduling and cancelling through the
 * notification outbox in the same transaction, each in their own language.
 */
@Injectable()
export class MeetingService {
  constructor(
    private readonly meetings: MeetingRepository,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditRepository,
    private readonly notifications: NotificationService,
    private readonly i18n: I18nService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly channel: MeetingChannelService,
    private readonly roleInvitations: RoleInvitationRepository,
  ) {}

  /** The meeting if `actor` may read it; NOT_FOUND otherwise, exactly like a meeting that does not exist. */
  async get(actor: Actor, meetingId: unknown, tx?: Tx, lock = false): Promise<MeetingRow> {
    if (!isUuid(meetingId)) throw DomainError.notFound();
    const meeting = await this.meetings.findReadable(actor, meetingId, tx, lock);
    if (!meeting) throw DomainError.notFound();
    return meeting;
  }

  /** Those of `meetingIds` that `actor` may read, in one statement; missing and hidden ones are left out alike. */
  getMany(actor: Actor, meetingIds: readonly unknown[]): Promise<MeetingRow[]> {
    const ids = [...new Set(meetingIds.filter((id): id is string => isUuid(id)))];
    return this.meetings.findReadableMany(actor, ids);
  }

  /** May `actor` run this meeting (edit it, move it through its lifecycle, invite)? */
  canRun(actor: Actor, meeting: Pick<MeetingRow, 'networkId'>): boolean {
    return can(actor, 'RUN_MEETINGS', { networkId: meeting.networkId });
  }

  async list(actor: Actor, args: MeetingListArgs): Promise<Page<MeetingRow>> {
    const request = pageRequest(args);
    const after = cursorKey(request.after, ['timestamp', 'uuid'] as const);
    const errors: FieldError[] = [];
    if (args.networkId && !isUuid(args.networkId)) errors.push({ field: 'networkId', key: 'validation:invalidValue' });
    if (args.kind && !MEETING_KINDS.includes(args.kind as MeetingKind)) {
      errors.push({ field: 'kind', key: 'validation:invalidValue' });
    }
    if (args.status && !MEETING_STATUSES.includes(args.status as MeetingStatus)) {
      errors.push({ field: 'status', key: 'validation:invalidValue' });
    }
    if (args.from && args.to && args.to.getTime() < args.from.getTime()) {
      errors.push({ field: 'to', key: 'meetings:endBeforeStart' });
    }
    if (args.mine && !actor.personId) errors.push({ field: 'mine', key: 'meetings:mineNeedsSignIn' });
    throwIfAny(errors);
    const filter: MeetingFilter = {
      networkId: args.networkId ?? null,
      kind: (args.kind as MeetingKind) ?? null,
      status: (args.status as MeetingStatus) ?? null,
      from: args.from ?? null,
      to: args.to ?? null,
      mine: args.mine === true,
    };
    const { rows, totalCount } = await this.meetings.list(actor, filter, {
      first: request.first,
      after,
      descending: args.descending === true,
    });
    return toPage(rows, request, (m) => [m.startsAt.toISOString(), m.id], totalCount);
  }

  /** One meeting as an `.ics` file, in the reader's language (404 exactly like `meeting(id)`). */
  async calendarFile(actor: Actor, meetingId: unknown): Promise<{ body: string; filename: string }> {
    const meeting = await this.get(actor, meetingId);
    return { body: await this.calendar([meeting], actor, 'file'), filename: `meeting-${meeting.id}.ics` };
  }

  /**
   * A person's calendar feed entries: the latest 500 meetings they are invited to or run, as they may
   * read them now (a meeting they can no longer see leaves the feed), soonest first, in the feed
   * owner's language. The feed itself is composed at app level with other contexts' entries.
   */
  async calendarEntries(actor: Actor): Promise<CalendarEntry[]> {
    requirePerson(actor);
    const meetings: MeetingRow[] = [];
    let after: readonly [string, string] | null = null;
    for (let pageNo = 0; pageNo < FEED_PAGES; pageNo++) {
      const page = await this.meetings.list(actor, { calendar: true }, { first: 100, after, descending: true });
      meetings.push(...page.rows.slice(0, 100));
      if (page.rows.length <= 100) break;
      const last = page.rows[99];
      after = [last.startsAt.toISOString(), last.id];
    }
    const attendee = actor.personId ? await this.meetings.accountEmail(actor.personId) : null;
    return meetingEntries(meetings.reverse(), {
      t: this.i18n.translator(actor.lang),
      attendee,
      publicUrl: this.config.publicUrl,
      organiserEmail: addressOf(this.config.emailFrom),
    });
  }

  private async calendar(meetings: MeetingRow[], actor: Actor, kind: 'file' | 'feed'): Promise<string> {
    const attendee = actor.personId ? await this.meetings.accountEmail(actor.personId) : null;
    return meetingCalendar(meetings, {
      t: this.i18n.translator(actor.lang),
      attendee,
      publicUrl: this.config.publicUrl,
      organiserEmail: addressOf(this.config.emailFrom),
      kind,
    });
  }

  async create(actor: Actor, command: CreateMeetingCommand): Promise<MeetingRow> {
    const me = requirePerson(actor);
    if (!isUuid(command.networkId)) throw DomainError.notFound();
    if (!can(actor, 'RUN_MEETINGS', { networkId: command.networkId })) {
      throw memberNetworkIds(actor).includes(command.networkId) ? DomainError.forbidden() : DomainError.notFound();
    }
    const { values, partners, hosts, errors } = this.validate(command, null);
    throwIfAny(errors);
    return this.transactions.run(async (tx) => {
      if (!(await this.meetings.network(tx, command.networkId))) throw DomainError.notFound();
      await this.checkPartnersAndHosts(tx, command.networkId, partners ?? [], hosts ?? []);
      const id = await this.meetings.insert(tx, command.networkId, values as MeetingValues, me);
      await this.meetings.setPartners(tx, id, partners ?? []);
      await this.meetings.setHosts(tx, id, hosts ?? []);
      const created = await this.meetings.findWritten(tx, id, me);
      await this.audit.record(tx, actor, {
        networkId: created.networkId,
        entityType: 'meeting',
        entityId: id,
        action: 'create',
        after: snapshot(created),
      });
      return created;
    });
  }

  /** Edits a DRAFT or SCHEDULED meeting. A SCHEDULED meeting's times change through `reschedule`. */
  async update(actor: Actor, command: UpdateMeetingCommand): Promise<MeetingRow> {
    return this.change(actor, command, 'update', async (tx, current) => {
      if (current.status !== 'DRAFT' && current.status !== 'SCHEDULED') {
        throw DomainError.conflict('meetings:notEditable', { status: current.status });
      }
      const timesGiven = command.start != null || command.end != null || command.timeZone != null;
      if (current.status === 'SCHEDULED' && timesGiven) {
        throw DomainError.badInput([{ field: 'start', key: 'meetings:useReschedule' }]);
      }
      const { values, partners, hosts, errors } = this.validate(command, current);
      throwIfAny(errors);
      if (partners) await this.checkPartnersAndHosts(tx, current.networkId, partners, hosts ?? current.hosts);
      else if (hosts) await this.checkPartnersAndHosts(tx, current.networkId, current.partnerNetworkIds, hosts);
      const merged = values as MeetingValues;
      const visible =
        merged.place !== current.place ||
        merged.onlineUrl !== current.onlineUrl ||
        JSON.stringify(merged.title) !== JSON.stringify(current.title);
      if (!(await this.meetings.update(tx, current.id, command.expectedVersion, merged, visible))) {
        throw DomainError.conflict('meetings:staleVersion');
      }
      if (partners) await this.meetings.setPartners(tx, current.id, partners);
      if (partners) await this.channel.partnersChanged(tx, actor, current, partners);
      if (JSON.stringify(merged.title) !== JSON.stringify(current.title)) {
        await this.channel.renamed(tx, actor, { ...current, title: merged.title });
      }
      if (hosts) await this.meetings.setHosts(tx, current.id, hosts);
      return null;
    });
  }

  schedule(actor: Actor, command: LifecycleCommand): Promise<MeetingRow> {
    return this.step(actor, command, 'SCHEDULED', 'meetingScheduled');
  }

  cancel(actor: Actor, command: LifecycleCommand): Promise<MeetingRow> {
    return this.step(actor, command, 'CANCELLED', 'meetingCancelled');
  }

  /** SCHEDULED → HELD, once the meeting has begun. */
  markHeld(actor: Actor, command: LifecycleCommand): Promise<MeetingRow> {
    return this.step(actor, command, 'HELD', null);
  }

  close(actor: Actor, command: LifecycleCommand): Promise<MeetingRow> {
    return this.step(actor, command, 'CLOSED', null);
  }

  /** New times (and optionally place or link) for a SCHEDULED meeting; every invitee is told. */
  async reschedule(actor: Actor, command: RescheduleCommand): Promise<MeetingRow> {
    return this.change(actor, command, 'reschedule', async (tx, current) => {
      if (current.status !== 'SCHEDULED') {
        throw DomainError.badInput([
          { field: 'status', key: 'meetings:rescheduleOnlyScheduled', params: { from: current.status } },
        ]);
      }
      const zone = command.timeZone ?? current.timeZone;
      const schedule = checkSchedule({ start: command.start, end: command.end, timeZone: zone });
      const errors = [...schedule.errors, ...checkOnlineUrl(command.onlineUrl)];
      if (command.place != null && command.place.trim().length > MAX_PLACE_LENGTH) {
        errors.push({ field: 'place', key: 'validation:tooLong', params: { max: MAX_PLACE_LENGTH } });
      }
      throwIfAny(errors);
      const values: MeetingValues = {
        ...valuesOf(current),
        startsAt: schedule.startsAt as Date,
        endsAt: schedule.endsAt as Date,
        timeZone: zone,
        place: command.place != null ? blankToNull(command.place) : current.place,
        onlineUrl: command.onlineUrl != null ? blankToNull(command.onlineUrl) : current.onlineUrl,
      };
      if (!(await this.meetings.update(tx, current.id, command.expectedVersion, values, true))) {
        throw DomainError.conflict('meetings:staleVersion');
      }
      return 'meetingRescheduled';
    });
  }

  /** Invites people and whole roles; those already invited keep their answer. */
  async invite(actor: Actor, command: InviteCommand): Promise<{ meeting: MeetingRow; added: number }> {
    const me = requirePerson(actor);
    const personIds = [...new Set(command.personIds ?? [])];
    const roles = command.roles ?? [];
    const errors: FieldError[] = [];
    if (personIds.length === 0 && roles.length === 0)
      errors.push({ field: 'personIds', key: 'meetings:nobodyToInvite' });
    if (personIds.length > MAX_INVITEES_PER_CALL) {
      errors.push({ field: 'personIds', key: 'meetings:tooManyInvitees', params: { max: MAX_INVITEES_PER_CALL } });
    }
    if (personIds.some((id) => !isUuid(id))) errors.push({ field: 'personIds', key: 'meetings:unknownPeople' });
    roles.forEach((r, i) => {
      if (!isUuid(r.networkId)) errors.push({ field: `roles.${i}.networkId`, key: 'meetings:notInvolvedNetwork' });
      if (!NETWORK_ROLES.includes(r.role as NetworkRole)) {
        errors.push({ field: `roles.${i}.role`, key: 'validation:invalidValue' });
      }
    });
    throwIfAny(errors);
    let added = 0;
    const meeting = await this.change(actor, { meetingId: command.meetingId }, 'invite', async (tx, current) => {
      if (current.status !== 'DRAFT' && current.status !== 'SCHEDULED') {
        throw DomainError.conflict('meetings:notEditable', { status: current.status });
      }
      const involved = [current.networkId, ...current.partnerNetworkIds];
      const partnersOfOwner = current.partnerNetworkIds.length
        ? []
        : await this.meetings.partnersAmong(
            tx,
            current.networkId,
            roles.map((r) => r.networkId),
          );
      const roleErrors: FieldError[] = [];
      roles.forEach((r, i) => {
        if (!involved.includes(r.networkId) && !partnersOfOwner.includes(r.networkId)) {
          roleErrors.push({ field: `roles.${i}.networkId`, key: 'meetings:notInvolvedNetwork' });
        }
      });
      throwIfAny(roleErrors);
      // People named one by one: those the organiser may see in the directory, members of a network the
      // meeting involves. Anyone else (hidden, unknown, outside) is the same answer.
      const reach = [...new Set([...involved, ...partnersOfOwner])];
      const named = await this.meetings.invitable(tx, actor, personIds, reach);
      if (named.length !== personIds.length) {
        throw DomainError.badInput([{ field: 'personIds', key: 'meetings:unknownPeople' }]);
      }
      // Whole roles: the holders the organiser may see, as when naming them (nobody else is listed or counted).
      const byRole: { personId: string; viaRole: string | null }[] = [];
      for (const r of roles) {
        for (const holder of await this.meetings.holdersOf(tx, [r.networkId], [r.role], actor)) {
          byRole.push({ personId: holder.personId, viaRole: r.role });
        }
      }
      const wanted = [...named.map((personId) => ({ personId, viaRole: null })), ...byRole];
      const newIds = await this.meetings.addInvitees(tx, current.id, dedupe(wanted), me);
      added = newIds.length;
      // The roles are kept current until the meeting (RoleInvitationService); the channel follows.
      await this.roleInvitations.record(tx, current.id, roles, me);
      await this.channel.invited(tx, actor, current, newIds);
      if (current.status === 'SCHEDULED') {
        await this.announce(tx, current, 'meetingInvitation', await this.meetings.languageOf(tx, newIds));
      }
      return { audit: { personIds: newIds, roles } };
    });
    return { meeting, added };
  }

  async uninvite(actor: Actor, command: { meetingId: string; personId: string }): Promise<MeetingRow> {
    return this.change(actor, { meetingId: command.meetingId }, 'uninvite', async (tx, current) => {
      if (current.status !== 'DRAFT' && current.status !== 'SCHEDULED') {
        throw DomainError.conflict('meetings:notEditable', { status: current.status });
      }
      if (!isUuid(command.personId) || !(await this.meetings.removeInvitee(tx, current.id, command.personId))) {
        throw DomainError.notFound();
      }
      await this.channel.uninvited(tx, actor, current, [command.personId]);
      // Someone who heard of a scheduled meeting hears that they are no longer expected (a draft's never heard).
      if (current.status === 'SCHEDULED') {
        await this.announce(tx, current, 'meetingUninvited', await this.meetings.languageOf(tx, [command.personId]));
      }
      return { audit: { personId: command.personId } };
    });
  }

  /** The invitee's own answer, while the meeting is SCHEDULED. */
  async respond(actor: Actor, command: { meetingId: string; response: string }): Promise<MeetingRow> {
    const me = requirePerson(actor);
    const response = command.response as RsvpResponse;
    if (!RSVP_RESPONSES.includes(response) || response === 'PENDING') {
      throw DomainError.badInput([{ field: 'response', key: 'meetings:invalidResponse' }]);
    }
    return this.transactions.run(async (tx) => {
      const meeting = await this.get(actor, command.meetingId, tx, true);
      if (meeting.myResponse === null) throw DomainError.notFound();
      if (meeting.status !== 'SCHEDULED') {
        throw DomainError.conflict('meetings:rsvpClosed', { status: meeting.status });
      }
      // The meeting row is locked: the answer read with it is the one this call replaces.
      const previous = meeting.myResponse;
      if (previous === response) throw DomainError.conflict('meetings:sameResponse');
      await this.meetings.respond(tx, meeting.id, me, response);
      await this.audit.record(tx, actor, {
        networkId: meeting.networkId,
        entityType: 'meeting',
        entityId: meeting.id,
        action: 'respond',
        before: { personId: me, response: previous },
        after: { personId: me, response },
      });
      return this.meetings.findWritten(tx, meeting.id, me);
    });
  }

  /**
   * The invitees, for the organisers and for the invitees themselves (others see only the counts):
   * batched per request, one statement for a page of meetings. An invitee who is only an observer in
   * the networks of the meeting reads their own invitation, never the other invitees' names.
   */
  async invitees(actor: Actor, loaders: RequestLoaders, meeting: MeetingRow): Promise<InviteeRow[] | null> {
    const organiser = this.canRun(actor, meeting);
    if (!organiser && meeting.myResponse === null) return null;
    const all = await loaders
      .get(
        'meetings.invitees',
        () =>
          new DataLoader<string, InviteeRow[]>(async (ids) => {
            const rows = await this.meetings.invitees(null, ids);
            return ids.map((id) => rows.filter((r) => r.meetingId === id));
          }),
      )
      .load(meeting.id);
    return organiser || !isObserverOnly(actor, meeting) ? all : all.filter((r) => r.personId === actor.personId);
  }

  private async step(
    actor: Actor,
    command: LifecycleCommand,
    to: MeetingStatus,
    announcement: Announcement | null,
  ): Promise<MeetingRow> {
    return this.change(actor, command, statusAction(to), async (tx, current) => {
      const refused = transitionError(current.status, to);
      if (refused) throw DomainError.badInput([refused]);
      if (to === 'HELD' && current.startsAt.getTime() > Date.now()) {
        throw DomainError.badInput([{ field: 'status', key: 'meetings:notStartedYet' }]);
      }
      const values = { ...valuesOf(current), status: to };
      if (!(await this.meetings.update(tx, current.id, command.expectedVersion, values, to === 'CANCELLED'))) {
        throw DomainError.conflict('meetings:staleVersion');
      }
      // The invitees' channel opens with the meeting and turns read-only when it is cancelled.
      if (to === 'SCHEDULED') await this.channel.scheduled(tx, actor, current);
      if (to === 'CANCELLED') await this.channel.cancelled(tx, actor, current);
      // Cancelling a draft tells nobody: invitees never heard of it.
      if (announcement === 'meetingCancelled' && current.status === 'DRAFT') return null;
      return announcement;
    });
  }

  /**
   * One change to a meeting: readable (else NOT_FOUND), run by the actor (else FORBIDDEN), locked,
   * version-checked by `work`, audited with before and after, announced to the invitees.
   */
  private async change(
    actor: Actor,
    command: { meetingId: string; expectedVersion?: number },
    action: string,
    work: (tx: Tx, current: MeetingRow) => Promise<Announcement | { audit: object } | null>,
  ): Promise<MeetingRow> {
    const me = requirePerson(actor);
    return this.transactions.run(async (tx) => {
      const current = await this.get(actor, command.meetingId, tx, true);
      if (!this.canRun(actor, current)) throw DomainError.forbidden();
      if (command.expectedVersion !== undefined && command.expectedVersion !== current.version) {
        throw DomainError.conflict('meetings:staleVersion');
      }
      const outcome = await work(tx, current);
      const updated = await this.meetings.findWritten(tx, current.id, me);
      await this.audit.record(tx, actor, {
        networkId: current.networkId,
        entityType: 'meeting',
        entityId: current.id,
        action,
        before: typeof outcome === 'object' && outcome !== null ? null : snapshot(current),
        after: typeof outcome === 'object' && outcome !== null ? outcome.audit : snapshot(updated),
      });
      if (typeof outcome === 'string') {
        await this.announce(tx, updated, outcome, await this.meetings.recipients(tx, current.id, null));
      }
      return updated;
    });
  }

  /**
   * Tells each recipient, in their language, with the meeting's local time in its own zone, inside
   * `tx` (also for invitations kept current by RoleInvitationService).
   */
  async announce(
    tx: Tx,
    meeting: MeetingRow,
    kind: Announcement | 'meetingInvitation' | 'meetingUninvited',
    recipients: readonly Recipient[],
  ): Promise<void> {
    if (recipients.length === 0) return;
    // One bounded set of statements however many invitees a role invitation brought.
    await this.notifications.notifyEach(
      tx,
      recipients.map((r) => ({
        personId: r.personId,
        kind,
        subject: { type: 'meeting', id: meeting.id },
        networkId: meeting.networkId,
        params: {
          meetingTitle: resolveText(meeting.title, r.language, meeting.networkLanguage)?.text ?? '',
          when: describeWhen(meeting, r.language),
          place: meeting.place ?? meeting.onlineUrl ?? '',
        },
      })),
    );
  }

  private async checkPartnersAndHosts(
    tx: Tx,
    networkId: string,
    partners: readonly string[],
    hosts: readonly MeetingHost[],
  ): Promise<void> {
    const errors: FieldError[] = [];
    if (
      partners.length > 0 &&
      (await this.meetings.partnersAmong(tx, networkId, partners)).length !== partners.length
    ) {
      errors.push({ field: 'partnerNetworkIds', key: 'meetings:notPartners' });
    }
    const codes = [...new Set(hosts.map((h) => h.countryCode))];
    if (codes.length > 0) {
      const states = await this.meetings.memberStatesAmong(tx, [networkId, ...partners], codes);
      if (states.length !== codes.length) errors.push({ field: 'hosts', key: 'meetings:hostNotMemberState' });
    }
    throwIfAny(errors);
  }

  /** Validates the given fields over `current` (null: a new meeting, where title, times and zone are required). */
  private validate(
    command: MeetingFieldsCommand,
    current: MeetingRow | null,
  ): { values: MeetingValues | null; partners: string[] | null; hosts: MeetingHost[] | null; errors: FieldError[] } {
    const errors: FieldError[] = [];
    const kind = (command.kind ?? current?.kind) as MeetingKind;
    if (!MEETING_KINDS.includes(kind)) errors.push({ field: 'kind', key: 'validation:invalidValue' });
    const visibility = (command.visibility ?? current?.visibility ?? 'NETWORK') as Visibility;
    if (!VISIBILITIES.includes(visibility)) errors.push({ field: 'visibility', key: 'validation:invalidValue' });

    let title = current?.title ?? {};
    if (command.title != null || !current) {
      const built = buildTranslatableText(command.title, 'title', {
        required: !current,
        maxLength: MAX_TITLE_LENGTH,
        defaultStatus: current ? 'TRANSLATED' : 'ORIGINAL',
      });
      errors.push(...built.errors);
      title = current ? mergeTranslatableText(current.title, built.value) : built.value;
    }
    let description: TranslatableText | null = current?.description ?? null;
    if (command.description != null) {
      const built = buildTranslatableText(command.description, 'description', {
        maxLength: MAX_DESCRIPTION_LENGTH,
        defaultStatus: current?.description ? 'TRANSLATED' : 'ORIGINAL',
      });
      errors.push(...built.errors);
      description = mergeTranslatableText(description ?? {}, built.value);
      if (Object.keys(description).length === 0) description = null;
    }

    let startsAt = current?.startsAt ?? null;
    let endsAt = current?.endsAt ?? null;
    const timeZone = command.timeZone ?? current?.timeZone ?? null;
    if (!current || command.start != null || command.end != null || command.timeZone != null) {
      // A time not given keeps its local reading: correcting the zone keeps "10:00" at 10:00 there.
      const schedule = checkSchedule({
        start: command.start ?? (current ? instantToLocal(current.startsAt, current.timeZone) : null),
        end: command.end ?? (current ? instantToLocal(current.endsAt, current.timeZone) : null),
        timeZone,
      });
      errors.push(...schedule.errors);
      startsAt = schedule.startsAt;
      endsAt = schedule.endsAt;
    }

    const place =
      command.place !== undefined && command.place !== null ? blankToNull(command.place) : (current?.place ?? null);
    if (place && place.length > MAX_PLACE_LENGTH) {
      errors.push({ field: 'place', key: 'validation:tooLong', params: { max: MAX_PLACE_LENGTH } });
    }
    const onlineUrl =
      command.onlineUrl !== undefined && command.onlineUrl !== null
        ? blankToNull(command.onlineUrl)
        : (current?.onlineUrl ?? null);
    errors.push(...checkOnlineUrl(onlineUrl));

    const languages = languageList(command.languages, current?.languages ?? [], 'languages', errors);
    const interpretation = languageList(
      command.interpretation,
      current?.interpretation ?? [],
      'interpretation',
      errors,
    );

    let partners: string[] | null = null;
    if (command.partnerNetworkIds != null) {
      partners = [...new Set(command.partnerNetworkIds)];
      if (partners.some((id) => !isUuid(id))) errors.push({ field: 'partnerNetworkIds', key: 'meetings:notPartners' });
    }
    const jointAfter = partners ?? current?.partnerNetworkIds ?? [];
    if (jointAfter.length > 0 && visibility !== 'PARTNERS' && visibility !== 'PUBLIC') {
      errors.push({ field: 'visibility', key: 'meetings:jointNeedsPartners' });
    }
    let hosts: MeetingHost[] | null = null;
    if (command.hosts != null) {
      hosts = [];
      command.hosts.forEach((h, i) => {
        const code = typeof h.countryCode === 'string' ? h.countryCode.toUpperCase() : '';
        if (!isCountryCode(code))
          errors.push({ field: `hosts.${i}.countryCode`, key: 'directory:unknownCountry', params: { value: code } });
        if (!HOST_ROLES.includes(h.role as HostRole))
          errors.push({ field: `hosts.${i}.role`, key: 'validation:invalidValue' });
        if (!hosts!.some((x) => x.countryCode === code && x.role === h.role)) {
          hosts!.push({ countryCode: code, role: h.role as HostRole });
        }
      });
    }
    if (errors.length > 0) return { values: null, partners, hosts, errors };
    return {
      values: {
        kind,
        title,
        description,
        startsAt: startsAt as Date,
        endsAt: endsAt as Date,
        timeZone: timeZone as string,
        place,
        onlineUrl,
        languages,
        interpretation,
        visibility,
      },
      partners,
      hosts,
      errors,
    };
  }
}

/** Does `actor` hold no role but OBSERVER in the networks `meeting` involves (owner and partners)? */
export function isObserverOnly(actor: Actor, meeting: Pick<MeetingRow, 'networkId' | 'partnerNetworkIds'>): boolean {
  const involved = [meeting.networkId, ...meeting.partnerNetworkIds];
  return !actor.isAdmin && !actor.memberships.some((m) => involved.includes(m.networkId) && m.role !== 'OBSERVER');
}

function valuesOf(m: MeetingRow): MeetingValues {
  return {
    kind: m.kind,
    title: m.title,
    description: m.description,
    startsAt: m.startsAt,
    endsAt: m.endsAt,
    timeZone: m.timeZone,
    place: m.place,
    onlineUrl: m.onlineUrl,
    languages: m.languages,
    interpretation: m.interpretation,
    visibility: m.visibility,
  };
}

function snapshot(m: MeetingRow): Record<string, unknown> {
  return {
    kind: m.kind,
    title: m.title,
    description: m.description,
    startsAt: m.startsAt.toISOString(),
    endsAt: m.endsAt.toISOString(),
    timeZone: m.timeZone,
    place: m.place,
    onlineUrl: m.onlineUrl,
    languages: m.languages,
    interpretation: m.interpretation,
    visibility: m.visibility,
    status: m.status,
    partnerNetworkIds: m.partnerNetworkIds,
    hosts: m.hosts,
    version: m.version,
  };
}

function statusAction(to: MeetingStatus): string {
  return { DRAFT: 'update', SCHEDULED: 'schedule', HELD: 'markHeld', CLOSED: 'close', CANCELLED: 'cancel' }[to];
}

function blankToNull(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

function languageList(
  given: readonly string[] | null | undefined,
  current: readonly Language[],
  field: string,
  errors: FieldError[],
): Language[] {
  if (given == null) return [...current];
  const out: Language[] = [];
  given.forEach((l, i) => {
    if (!isLanguage(l))
      errors.push({ field: `${field}.${i}`, key: 'validation:unsupportedLanguage', params: { value: String(l) } });
    else if (!out.includes(l)) out.push(l);
  });
  return out;
}

function dedupe(list: readonly { personId: string; viaRole: string | null }[]) {
  const seen = new Map<string, { personId: string; viaRole: string | null }>();
  for (const item of list) if (!seen.has(item.personId)) seen.set(item.personId, item);
  return [...seen.values()];
}

/** "25 May 2011, 10:00 – 26 May 2011, 17:00 (Africa/Brazzaville)" in the reader's language, in the meeting's zone. */
export function describeWhen(
  meeting: Pick<MeetingRow, 'startsAt' | 'endsAt' | 'timeZone'>,
  lang: Language,
  /** The reader's zone; the meeting's own when left out. */
  zone: string = meeting.timeZone,
): string {
  const format = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short', timeZone: zone });
  return `${format.formatRange(meeting.startsAt, meeting.endsAt)} (${zone})`;
}

/** "noreply@example.org" from "Enlace <noreply@example.org>". */
function addressOf(from: string): string {
  const match = /<([^>]+)>/.exec(from);
  return (match ? match[1] : from).trim();
}
