/** One person expected to acknowledge a notice, with their member state and acknowledgement. */
export interface NoticeReaderRow {
  readonly personId: string;
  readonly name: string;
  /** The member state one of their current memberships in the channel's networks is bound to; null: none. */
  readonly memberState: string | null;
  readonly acknowledgedAt: Date | null;
}

/** Who has acknowledged a notice and who has not, per member state (null: people bound to none). */
export interface NoticeReport {
  readonly messageId: string;
  readonly channelId: string;
  readonly expectedCount: number;
  readonly acknowledgedCount: number;
  readonly memberStates: readonly {
    readonly memberState: string | null;
    readonly acknowledged: readonly { readonly personId: string; readonly name: string; readonly at: Date }[];
    readonly pending: readonly { readonly personId: string; readonly name: string }[];
  }[];
}

/** Groups readers by member state: states in alphabetical order, then those bound to none. */
export function toNoticeReport(messageId: string, channelId: string, rows: readonly NoticeReaderRow[]): NoticeReport {
  const groups = new Map<string | null, NoticeReaderRow[]>();
  for (const row of rows) {
    const group = groups.get(row.memberState) ?? [];
    group.push(row);
    groups.set(row.memberState, group);
  }
  const states = [...groups.keys()].sort((a, b) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)));
  const people = new Set(rows.map((r) => r.personId));
  const acknowledged = new Set(rows.filter((r) => r.acknowledgedAt).map((r) => r.personId));
  return {
    messageId,
    channelId,
    expectedCount: people.size,
    acknowledgedCount: acknowledged.size,
    memberStates: states.map((memberState) => {
      const group = groups.get(memberState) ?? [];
      return {
        memberState,
        acknowledged: group
          .filter((r) => r.acknowledgedAt)
          .map((r) => ({ personId: r.personId, name: r.name, at: r.acknowledgedAt as Date })),
        pending: group.filter((r) => !r.acknowledgedAt).map((r) => ({ personId: r.personId, name: r.name })),
      };
    }),
  };
}
