import { Actor, canSql, fresh, SqlPredicate, visibilitySql } from '@enlace/core';

/**
 * Who may read training `tr` (SPEC §3): its trainers and enrolled people always (once past DRAFT);
 * otherwise the visibility predicate; a DRAFT is read by those who run the network's trainings only.
 */
export function readableTrainingSql(actor: Actor, alias = 'tr'): SqlPredicate {
  const p = fresh('rt');
  const run = canSql(actor, 'RUN_TRAININGS', {
    network: `${alias}.network_id`,
    assigned: `EXISTS (SELECT 1 FROM training_trainer tt WHERE tt.training_id = ${alias}.id AND tt.person_id = CAST(:${p}_me AS uuid))`,
  });
  const visibility = visibilitySql(actor, { network: `${alias}.network_id`, visibility: `${alias}.visibility` });
  const participant = `EXISTS (SELECT 1 FROM enrolment pe WHERE pe.training_id = ${alias}.id AND pe.person_id = CAST(:${p}_me AS uuid))`;
  const organiser = actor.isAdmin ? `(${alias}.visibility <> 'RESTRICTED' AND ${run.sql})` : `(${run.sql})`;
  return {
    sql: `(${organiser} OR (${alias}.status <> 'DRAFT' AND (${visibility.sql} OR ${participant})))`,
    params: { ...run.params, ...visibility.params, [`${p}_me`]: actor.personId },
  };
}
