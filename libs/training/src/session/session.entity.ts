/** A session of a training (table `training_session`): when, where, which modules, which trainers. */
export interface SessionRow {
  readonly id: string;
  readonly trainingId: string;
  /** The training's IANA zone, in which the session's local times are given. */
  readonly timeZone: string;
  readonly startsAt: Date;
  readonly endsAt: Date;
  readonly place: string | null;
  /** Modules of the training's curriculum version it covers, in curriculum order. */
  readonly moduleIds: string[];
  readonly trainerIds: string[];
  /** Attendance entries recorded for it. */
  readonly recorded: number;
  readonly version: number;
}

export interface RawSession {
  id: string;
  training_id: string;
  time_zone: string;
  starts_at: Date;
  ends_at: Date;
  place: string | null;
  module_ids: string[] | null;
  trainer_ids: string[] | null;
  recorded: string | number;
  version: number;
}

export function toSession(r: RawSession): SessionRow {
  return {
    id: r.id,
    trainingId: r.training_id,
    timeZone: r.time_zone,
    startsAt: new Date(r.starts_at),
    endsAt: new Date(r.ends_at),
    place: r.place,
    moduleIds: r.module_ids ?? [],
    trainerIds: r.trainer_ids ?? [],
    recorded: Number(r.recorded),
    version: r.version,
  };
}
