import { Injectable } from '@nestjs/common';
import { Actor, DomainError, FieldError, isIsoDate, isUuid, throwIfAny } from '@enlace/core';
import { PLAN_STATUSES, PlanStatus } from '../action-plans-rules';
import { PlanRow } from '../plan/plan.entity';
import { DashboardLineRow, PlanRollupRow } from './rollup.entity';
import { RollupRepository } from './rollup.repository';

const today = () => new Date().toISOString().slice(0, 10);

function asOfDate(asOf: string | null | undefined): string {
  if (asOf == null) return today();
  if (!isIsoDate(asOf)) throw DomainError.badInput([{ field: 'asOf', key: 'action-plans:invalidDate' }]);
  return asOf;
}

/** Plan figures and the network dashboard, computed in SQL over what the caller may read. */
@Injectable()
export class RollupService {
  constructor(private readonly rollups: RollupRepository) {}

  /** `plan` was loaded through its visibility by the caller. */
  planRollup(plan: PlanRow, asOf?: string | null): Promise<PlanRollupRow> {
    return this.rollups.planRollup(plan.id, asOfDate(asOf));
  }

  /**
   * A network's dashboard across the plans the caller may read: a secretariat's covers all of its
   * network's; a partner forum member's only the shared ones; a hidden plan is in no count.
   */
  async dashboard(
    actor: Actor,
    args: {
      networkId: string;
      asOf?: string | null;
      status?: string | null;
      periodFrom?: string | null;
      periodTo?: string | null;
    },
  ): Promise<{ asOf: string; lines: DashboardLineRow[] }> {
    if (!isUuid(args.networkId)) throw DomainError.notFound();
    const errors: FieldError[] = [];
    if (args.status && !PLAN_STATUSES.includes(args.status as PlanStatus)) {
      errors.push({ field: 'status', key: 'validation:invalidValue' });
    }
    for (const field of ['periodFrom', 'periodTo'] as const) {
      if (args[field] != null && !isIsoDate(args[field])) errors.push({ field, key: 'action-plans:invalidDate' });
    }
    throwIfAny(errors);
    const asOf = asOfDate(args.asOf);
    const lines = await this.rollups.dashboard(actor, {
      networkId: args.networkId,
      asOf,
      status: args.status as PlanStatus | null,
      periodFrom: args.periodFrom,
      periodTo: args.periodTo,
    });
    return { asOf, lines };
  }
}
