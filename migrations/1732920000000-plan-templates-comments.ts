import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Plan templates and comments (issue 13 items 7 and 8). A template version is a frozen snapshot of a
 * plan's objectives → actions → indicators (dates as day offsets from the plan's start), one row per
 * version of a series, never updated; a plan copied from one keeps `template_id`. A comment belongs to
 * a plan (optionally one of its objectives or actions) and is read through the plan's visibility.
 */
export class PlanTemplatesComments1732920000000 implements MigrationInterface {
  name = 'PlanTemplatesComments1732920000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE plan_template (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        network_id uuid NOT NULL REFERENCES network (id) ON DELETE CASCADE,
        series_id uuid NOT NULL,
        version integer NOT NULL CHECK (version >= 1),
        title jsonb NOT NULL,
        summary jsonb,
        visibility text NOT NULL CHECK (visibility IN ('NETWORK', 'PARTNERS', 'PUBLIC')),
        vis_keys text[] NOT NULL,
        content jsonb NOT NULL,
        source_plan_id uuid REFERENCES action_plan (id) ON DELETE SET NULL,
        published_by uuid REFERENCES person (id) ON DELETE SET NULL,
        published_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (series_id, version)
      )`);
    await q.query(`CREATE INDEX plan_template_network_idx ON plan_template (network_id, series_id, version)`);
    await q.query(`CREATE INDEX plan_template_keys_idx ON plan_template USING gin (vis_keys)`);
    await q.query(`CREATE INDEX plan_template_publisher_idx ON plan_template (published_by)`);
    await q.query(
      `ALTER TABLE action_plan ADD COLUMN template_id uuid REFERENCES plan_template (id) ON DELETE SET NULL`,
    );
    await q.query(`CREATE INDEX action_plan_template_idx ON action_plan (template_id) WHERE template_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE plan_comment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES action_plan (id) ON DELETE CASCADE,
        objective_id uuid REFERENCES plan_objective (id) ON DELETE CASCADE,
        action_id uuid REFERENCES plan_action (id) ON DELETE CASCADE,
        author_id uuid REFERENCES person (id) ON DELETE SET NULL,
        body text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 4000),
        mentions uuid[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (objective_id IS NULL OR action_id IS NULL)
      )`);
    await q.query(`CREATE INDEX plan_comment_plan_idx ON plan_comment (plan_id, created_at, id)`);
    await q.query(`CREATE INDEX plan_comment_author_idx ON plan_comment (author_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE plan_comment`);
    await q.query(`ALTER TABLE action_plan DROP COLUMN template_id`);
    await q.query(`DROP TABLE plan_template`);
  }
}
