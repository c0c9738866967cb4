export interface CommentRow {
  readonly id: string;
  readonly planId: string;
  readonly objectiveId: string | null;
  readonly actionId: string | null;
  readonly authorId: string | null;
  readonly authorName: string | null;
  readonly body: string;
  readonly mentions: string[];
  readonly createdAt: Date;
}

export interface RawComment {
  id: string;
  plan_id: string;
  objective_id: string | null;
  action_id: string | null;
  author_id: string | null;
  author_name: string | null;
  body: string;
  mentions: string[];
  created_at: Date;
}

export function toComment(r: RawComment): CommentRow {
  return {
    id: r.id,
    planId: r.plan_id,
    objectiveId: r.objective_id,
    actionId: r.action_id,
    authorId: r.author_id,
    authorName: r.author_name,
    body: r.body,
    mentions: r.mentions ?? [],
    createdAt: new Date(r.created_at),
  };
}
