import { registerEnumType } from '@nestjs/graphql';
import { ACTION_STATUSES, INDICATOR_DIRECTIONS, INDICATOR_VALUE_TYPES, PLAN_STATUSES } from '@enlace/action-plans';
import { enumOf } from '../graphql/models/enums';

export const PlanStatusEnum = enumOf(PLAN_STATUSES);
registerEnumType(PlanStatusEnum, {
  name: 'ActionPlanStatus',
  description: 'DRAFT (read by the country team and the secretariat) → ACTIVE → COMPLETED; ARCHIVED is final.',
});

export const ActionStatusEnum = enumOf(ACTION_STATUSES);
registerEnumType(ActionStatusEnum, { name: 'PlanActionStatus' });

export const IndicatorValueTypeEnum = enumOf(INDICATOR_VALUE_TYPES);
registerEnumType(IndicatorValueTypeEnum, {
  name: 'IndicatorValueType',
  description: 'NUMBER any number; INTEGER a count; PERCENT 0–100; YES_NO 1 or 0.',
});

export const IndicatorDirectionEnum = enumOf(INDICATOR_DIRECTIONS);
registerEnumType(IndicatorDirectionEnum, { name: 'IndicatorDirection', description: 'Whether up or down is better.' });

export const DashboardGroupingEnum = enumOf(['TOTAL', 'MEMBER_STATE', 'REGION', 'DIMENSION', 'YEAR'] as const);
registerEnumType(DashboardGroupingEnum, { name: 'DashboardGrouping' });
