import { MigrationInterface, QueryRunner } from 'typeorm';

/** The roles bound to a member state: each (network, member state, role) is one seat. */
const SEAT_ROLES = `role IN ('FOCAL_POINT', 'ALTERNATE_FOCAL_POINT')`;

/** Marks the audit entries this migration writes, so that down() can find and undo them. */
const REASON = 'seat-overlap-migration';

/**
 * A seat never holds two overlapping terms: the database refuses them, whichever path writes.
 *
 * A term covers `[starts_on, ends_on)`: `ends_on` is the first day the person no longer holds the
 * seat (a handover ends the predecessor on the day the successor starts), NULL while open. The
 * exclusion constraint compares those ranges per (network, member state, role), FOCAL_POINT and
 * ALTERNATE_FOCAL_POINT separately; a term with `ends_on = starts_on` is an empty range and overlaps
 * nothing. GiST needs `btree_gist` for the equality parts (uuid, char, text); PGlite ships it as a
 * contrib extension, loaded when the embedded database is created (`data-source.factory.ts`).
 *
 * Existing data: before this constraint, `addMembership` and invitation acceptance took no seat lock,
 * so a database may hold overlapping terms. They are resolved the way a handover would have: within
 * a seat, terms are ordered by start (then creation, then id) and each term that is still running
 * when the next one starts is ended on that day. The newer term wins; the older one keeps its
 * history. Each such change gets an audit entry (no actor, `after.reason` = `seat-overlap-migration`)
 * that down() uses to restore the original end.
 */
export class SeatTerms1732400000000 implements MigrationInterface {
  name = 'SeatTerms1732400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    // No term may be opened between the clean-up and the constraint.
    await q.query(`LOCK TABLE membership IN SHARE ROW EXCLUSIVE MODE`);

    await q.query(`
      WITH ordered AS (
        SELECT id, network_id, ends_on,
               lead(starts_on) OVER (
                 PARTITION BY network_id, member_state, role ORDER BY starts_on, created_at, id) AS next_start
          FROM membership
         WHERE ${SEAT_ROLES}
      ),
      ended AS (
        UPDATE membership m SET ends_on = o.next_start, updated_at = now()
          FROM ordered o
         WHERE m.id = o.id AND o.next_start IS NOT NULL AND (o.ends_on IS NULL OR o.ends_on > o.next_start)
        RETURNING m.id, m.network_id, o.ends_on AS previous_end, m.ends_on AS new_end
      )
      INSERT INTO audit_log (actor_person_id, network_id, entity_type, entity_id, action, before, after)
      SELECT NULL, e.network_id, 'membership', e.id::text, 'end',
             jsonb_build_object('endsOn', e.previous_end::text),
             jsonb_build_object('endsOn', e.new_end::text, 'reason', '${REASON}')
        FROM ended e`);

    await q.query(`
      ALTER TABLE membership ADD CONSTRAINT membership_seat_term_excl
        EXCLUDE USING gist (network_id WITH =, member_state WITH =, role WITH =,
                            daterange(starts_on, ends_on, '[)') WITH &&)
        WHERE (${SEAT_ROLES})`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE membership DROP CONSTRAINT IF EXISTS membership_seat_term_excl`);
    // Terms the clean-up ended get their original end back, unless they were changed since.
    await q.query(`
      WITH restored AS (
        DELETE FROM audit_log a
         WHERE a.entity_type = 'membership' AND a.actor_person_id IS NULL AND a.after ->> 'reason' = '${REASON}'
        RETURNING a.entity_id, a.before ->> 'endsOn' AS previous_end, a.after ->> 'endsOn' AS new_end
      )
      UPDATE membership m SET ends_on = r.previous_end::date, updated_at = now()
        FROM restored r
       WHERE m.id = r.entity_id::uuid AND m.ends_on = r.new_end::date`);
    await q.query(`DROP EXTENSION IF EXISTS btree_gist`);
  }
}
