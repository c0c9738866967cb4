import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What an action answers (issue 13 item 4): a meeting's follow-up (the meetings context's stable
 * follow-up id; completing the action can close it), a recommendation of a UN mechanism or of a
 * network (a small record of its own: source, date, text per language), or an article of a protocol.
 */
export class PlanSources1732891000000 implements MigrationInterface {
  name = 'PlanSources1732891000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE plan_recommendation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        network_id uuid NOT NULL REFERENCES network (id) ON DELETE CASCADE,
        source text NOT NULL,
        issued_on date NOT NULL,
        text jsonb NOT NULL,
        created_by uuid REFERENCES person (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX plan_recommendation_network_idx ON plan_recommendation (network_id, issued_on)`);
    await q.query(`CREATE INDEX plan_recommendation_author_idx ON plan_recommendation (created_by)`);
    await q.query(`
      CREATE TABLE plan_action_source (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        action_id uuid NOT NULL REFERENCES plan_action (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('FOLLOW_UP', 'RECOMMENDATION', 'PROTOCOL_ARTICLE')),
        follow_up_id uuid REFERENCES meeting_follow_up (id) ON DELETE CASCADE,
        recommendation_id uuid REFERENCES plan_recommendation (id) ON DELETE CASCADE,
        protocol text,
        article text,
        closes_follow_up boolean NOT NULL DEFAULT false,
        created_by uuid REFERENCES person (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((kind = 'FOLLOW_UP') = (follow_up_id IS NOT NULL)),
        CHECK ((kind = 'RECOMMENDATION') = (recommendation_id IS NOT NULL)),
        CHECK ((kind = 'PROTOCOL_ARTICLE') = (protocol IS NOT NULL AND article IS NOT NULL)),
        CHECK (NOT closes_follow_up OR kind = 'FOLLOW_UP')
      )`);
    await q.query(
      `CREATE UNIQUE INDEX plan_action_source_follow_up_uq ON plan_action_source (follow_up_id, action_id) WHERE follow_up_id IS NOT NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX plan_action_source_recommendation_uq ON plan_action_source (recommendation_id, action_id) WHERE recommendation_id IS NOT NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX plan_action_source_article_uq ON plan_action_source (action_id, protocol, article) WHERE article IS NOT NULL`,
    );
    await q.query(`CREATE INDEX plan_action_source_action_idx ON plan_action_source (action_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE plan_action_source`);
    await q.query(`DROP TABLE plan_recommendation`);
  }
}
