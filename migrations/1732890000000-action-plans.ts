import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Shared action plans (SPEC §4.4, issue 13): a plan of a network and one member state (or none: a
 * regional plan) with objectives → actions → indicators; the due dates of each indicator's
 * reporting schedule; an append-only log of progress reports, where a correction is a new entry
 * that supersedes an earlier one. `vis_keys` names who may read a plan (decision 0015's audience
 * keys, plus `cs:<network>:<state>` for the state's focal point and alternate and `u:<person>` for
 * named action owners); the service recomputes it in the transaction of every change that moves it.
 */
export class ActionPlans1732890000000 implements MigrationInterface {
  name = 'ActionPlans1732890000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE action_plan (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        network_id uuid NOT NULL REFERENCES network (id) ON DELETE CASCADE,
        member_state char(2) REFERENCES country (code),
        title jsonb NOT NULL,
        summary jsonb,
        period_start date NOT NULL,
        period_end date NOT NULL,
        status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'ACTIVE', 'COMPLETED', 'ARCHIVED')),
        visibility text NOT NULL CHECK (visibility IN ('PUBLIC', 'PARTNERS', 'NETWORK', 'RESTRICTED')),
        vis_keys text[] NOT NULL DEFAULT '{}',
        version integer NOT NULL DEFAULT 1,
        created_by uuid REFERENCES person (id) ON DELETE SET NULL,
        updated_by uuid REFERENCES person (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (period_end >= period_start)
      )`);
    await q.query(`CREATE INDEX action_plan_network_idx ON action_plan (network_id, member_state, id)`);
    await q.query(`CREATE INDEX action_plan_keys_idx ON action_plan USING gin (vis_keys)`);
    await q.query(`
      CREATE TABLE plan_objective (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES action_plan (id) ON DELETE CASCADE,
        position integer NOT NULL,
        title jsonb NOT NULL,
        description jsonb,
        tags text[] NOT NULL DEFAULT '{}',
        version integer NOT NULL DEFAULT 1,
        updated_by uuid REFERENCES person (id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX plan_objective_plan_idx ON plan_objective (plan_id, position)`);
    await q.query(`
      CREATE TABLE plan_action (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES action_plan (id) ON DELETE CASCADE,
        objective_id uuid NOT NULL REFERENCES plan_objective (id) ON DELETE CASCADE,
        position integer NOT NULL,
        title jsonb NOT NULL,
        responsible_organisation text,
        responsible_person_id uuid REFERENCES person (id) ON DELETE SET NULL,
        starts_on date NOT NULL,
        due_on date NOT NULL,
        status text NOT NULL DEFAULT 'NOT_STARTED'
          CHECK (status IN ('NOT_STARTED', 'IN_PROGRESS', 'BLOCKED', 'DONE', 'CANCELLED')),
        progress integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
        weight numeric(8, 2) NOT NULL DEFAULT 1 CHECK (weight > 0),
        tags text[] NOT NULL DEFAULT '{}',
        version integer NOT NULL DEFAULT 1,
        updated_by uuid REFERENCES person (id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (due_on >= starts_on)
      )`);
    await q.query(`CREATE INDEX plan_action_plan_idx ON plan_action (plan_id, objective_id, position)`);
    await q.query(`CREATE INDEX plan_action_objective_idx ON plan_action (objective_id)`);
    await q.query(`CREATE INDEX plan_action_owner_idx ON plan_action (responsible_person_id)`);
    await q.query(`
      CREATE TABLE plan_indicator (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES action_plan (id) ON DELETE CASCADE,
        action_id uuid NOT NULL REFERENCES plan_action (id) ON DELETE CASCADE,
        title jsonb NOT NULL,
        unit text NOT NULL,
        value_type text NOT NULL CHECK (value_type IN ('NUMBER', 'INTEGER', 'PERCENT', 'YES_NO')),
        baseline numeric NOT NULL,
        target numeric NOT NULL,
        direction text NOT NULL CHECK (direction IN ('UP', 'DOWN')),
        current_value numeric,
        schedule_start date NOT NULL,
        schedule_end date NOT NULL,
        every_months integer NOT NULL CHECK (every_months BETWEEN 1 AND 60),
        version integer NOT NULL DEFAULT 1,
        updated_by uuid REFERENCES person (id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (schedule_end >= schedule_start)
      )`);
    await q.query(`CREATE INDEX plan_indicator_action_idx ON plan_indicator (action_id)`);
    await q.query(`CREATE INDEX plan_indicator_plan_idx ON plan_indicator (plan_id)`);
    await q.query(`
      CREATE TABLE plan_indicator_due (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        indicator_id uuid NOT NULL REFERENCES plan_indicator (id) ON DELETE CASCADE,
        due_on date NOT NULL,
        UNIQUE (indicator_id, due_on)
      )`);
    await q.query(`
      CREATE TABLE plan_progress_report (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigserial NOT NULL UNIQUE,
        plan_id uuid NOT NULL REFERENCES action_plan (id) ON DELETE CASCADE,
        action_id uuid NOT NULL REFERENCES plan_action (id) ON DELETE CASCADE,
        indicator_id uuid REFERENCES plan_indicator (id) ON DELETE CASCADE,
        due_id uuid REFERENCES plan_indicator_due (id) ON DELETE RESTRICT,
        status text CHECK (status IN ('NOT_STARTED', 'IN_PROGRESS', 'BLOCKED', 'DONE', 'CANCELLED')),
        progress integer CHECK (progress BETWEEN 0 AND 100),
        value numeric,
        narrative jsonb,
        supersedes uuid UNIQUE REFERENCES plan_progress_report (id) ON DELETE CASCADE,
        author_id uuid REFERENCES person (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((indicator_id IS NULL) = (due_id IS NULL)),
        CHECK (indicator_id IS NULL OR value IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX plan_progress_action_idx ON plan_progress_report (action_id, seq)`);
    await q.query(`CREATE INDEX plan_progress_indicator_idx ON plan_progress_report (indicator_id, due_id)`);
    await q.query(`CREATE INDEX plan_progress_author_idx ON plan_progress_report (author_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'plan_progress_report',
      'plan_indicator_due',
      'plan_indicator',
      'plan_action',
      'plan_objective',
      'action_plan',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
