import type { TranslatableText } from '@enlace/core';

/** Who presents an item or carries out a follow-up: a person, or a member state of the network. */
export interface Assignee {
  readonly personId: string | null;
  /** The person's name as stored (null when erased or not a person). */
  readonly personName: string | null;
  readonly personErased: boolean;
  readonly countryCode: string | null;
}

/** One stored agenda item (table `meeting_agenda_item`). */
export interface AgendaItemRow {
  readonly id: string;
  readonly meetingId: string;
  readonly parentId: string | null;
  /** 1-based place among its siblings. */
  readonly position: number;
  readonly title: TranslatableText;
  readonly presenter: Assignee | null;
  readonly durationMinutes: number | null;
  readonly links: string[];
}

/** An item as read: its computed number ("1.2") and depth (0 at the top). */
export interface NumberedAgendaItem extends AgendaItemRow {
  readonly number: string;
  readonly depth: number;
}

export interface RawAgendaItem {
  id: string;
  meeting_id: string;
  parent_id: string | null;
  position: number;
  title: TranslatableText;
  presenter_person_id: string | null;
  presenter_name: string | null;
  presenter_erased: boolean | null;
  presenter_country: string | null;
  /** False when the reader may not see the presenting person in the directory (then no presenter is shown). */
  presenter_visible: boolean | null;
  duration_minutes: number | null;
  links: string[] | null;
}

export function toAssignee(
  personId: string | null,
  name: string | null,
  erased: boolean | null,
  country: string | null,
): Assignee | null {
  if (!personId && !country) return null;
  return {
    personId,
    personName: personId ? name : null,
    personErased: erased === true,
    countryCode: country ? country.trim() : null,
  };
}

export function toAgendaItem(r: RawAgendaItem): AgendaItemRow {
  return {
    id: r.id,
    meetingId: r.meeting_id,
    parentId: r.parent_id,
    position: Number(r.position),
    title: r.title,
    presenter:
      r.presenter_visible === false
        ? null
        : toAssignee(r.presenter_person_id, r.presenter_name, r.presenter_erased, r.presenter_country),
    durationMinutes: r.duration_minutes === null ? null : Number(r.duration_minutes),
    links: r.links ?? [],
  };
}
