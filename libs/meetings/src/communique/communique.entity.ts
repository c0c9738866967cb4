import type { Language, TranslatableText, Visibility } from '@enlace/core';

/** A meeting's communiqué (table `meeting_communique`): its public outcome document. */
export interface CommuniqueRow {
  readonly meetingId: string;
  readonly networkId: string;
  readonly networkLanguage: Language;
  readonly text: TranslatableText;
  readonly visibility: Visibility;
  /** Null while a draft, which only the meeting's organisers read. */
  readonly publishedAt: Date | null;
  readonly version: number;
  readonly updatedAt: Date;
}

export interface RawCommunique {
  meeting_id: string;
  network_id: string;
  network_language: Language;
  text: TranslatableText;
  visibility: Visibility;
  published_at: Date | null;
  version: number;
  updated_at: Date;
}

export function toCommunique(r: RawCommunique): CommuniqueRow {
  return {
    meetingId: r.meeting_id,
    networkId: r.network_id,
    networkLanguage: r.network_language,
    text: r.text,
    visibility: r.visibility,
    publishedAt: r.published_at,
    version: Number(r.version),
    updatedAt: r.updated_at,
  };
}
