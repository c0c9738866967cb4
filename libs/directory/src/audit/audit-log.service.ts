import { Injectable } from '@nestjs/common';
import {
  Actor,
  AuditLogEntity,
  AuditRepository,
  can,
  cursorKey,
  DomainError,
  Page,
  pageRequest,
  requireAuthenticated,
  toPage,
} from '@enlace/core';
import { membershipAuditVisibility } from '../memberships/membership.visibility';
import { NetworkService } from '../networks/network.service';
import { partnerAuditVisibility } from '../networks/network.visibility';

export interface AuditLogCommand {
  readonly networkId?: string | null;
  readonly entityType?: string | null;
  readonly entityId?: string | null;
  readonly first?: number | null;
  readonly after?: string | null;
}

/**
 * Reading the audit log: a network's log for whoever may `READ_AUDIT_LOG` there (its secretariat,
 * administrators); the whole log, across networks, for administrators only. Newest first. Entries
 * about records the reader may not see (a hidden partner network, a RESTRICTED membership) are left
 * out, as if they did not exist.
 */
@Injectable()
export class AuditLogService {
  constructor(
    private readonly audit: AuditRepository,
    private readonly networks: NetworkService,
  ) {}

  async list(actor: Actor, command: AuditLogCommand): Promise<Page<AuditLogEntity>> {
    requireAuthenticated(actor);
    const request = pageRequest(command);
    const after = cursorKey(request.after, ['bigint'] as const);
    let networkIds: string[] | 'ALL';
    if (command.networkId !== undefined && command.networkId !== null) {
      const network = await this.networks.get(actor, { id: command.networkId });
      if (!can(actor, 'READ_AUDIT_LOG', { networkId: network.id })) throw DomainError.forbidden();
      networkIds = [network.id];
    } else if (actor.isAdmin) {
      networkIds = 'ALL';
    } else {
      throw DomainError.forbidden();
    }
    const { rows, totalCount } = await this.audit.list({
      networkIds,
      entityType: command.entityType ?? undefined,
      entityId: command.entityId ?? undefined,
      first: request.first,
      afterId: after ? after[0] : undefined,
      conditions: [partnerAuditVisibility(actor), membershipAuditVisibility(actor)],
    });
    return toPage(rows, request, (r) => [String(r.id)], totalCount);
  }
}
