import { Injectable } from '@nestjs/common';
import { Actor, can, DomainError, requireAuthenticated } from '@enlace/core';
import { NetworkService } from '../networks/network.service';
import { DirectoryImporter } from './directory-importer.service';
import type { ImportReport } from './import-report';

export interface ImportCommand {
  readonly networkId: string;
  readonly content: Buffer | string;
  readonly dryRun: boolean;
}

@Injectable()
export class ImportService {
  constructor(
    private readonly importer: DirectoryImporter,
    private readonly networks: NetworkService,
  ) {}

  /** An import by a person: the network's secretariat (or an administrator). */
  async run(actor: Actor, command: ImportCommand): Promise<ImportReport> {
    requireAuthenticated(actor);
    const network = await this.networks.get(actor, { id: command.networkId });
    if (!can(actor, 'MANAGE_NETWORK', { networkId: network.id })) throw DomainError.forbidden();
    return this.importer.run(actor, network, command.content, command.dryRun);
  }
}
