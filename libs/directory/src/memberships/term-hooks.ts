import { Injectable } from '@nestjs/common';
import type { Actor, Tx } from '@enlace/core';

/** Whose terms in which network changed in one write (opened, ended, handed over, imported). */
export interface TermChange {
  readonly networkId: string;
  readonly personIds: readonly string[];
}

/** Work another context does in the transaction of a term change (meetings keep role invitations current). */
export type TermHook = (tx: Tx, actor: Actor, change: TermChange) => Promise<void>;

/**
 * The seam through which contexts the directory may not import hear of term changes: they subscribe
 * at start-up, and `MembershipService` calls every hook inside the transaction that changed the terms
 * (`open`, `end`, `applyPlannedTerms`), after its own writes and notices. A hook that throws rolls the
 * term change back with it.
 */
@Injectable()
export class TermHooks {
  private readonly hooks: TermHook[] = [];

  subscribe(hook: TermHook): () => void {
    this.hooks.push(hook);
    return () => {
      const at = this.hooks.indexOf(hook);
      if (at >= 0) this.hooks.splice(at, 1);
    };
  }

  async changed(tx: Tx, actor: Actor, change: TermChange): Promise<void> {
    const personIds = [...new Set(change.personIds)];
    if (personIds.length === 0) return;
    for (const hook of this.hooks) await hook(tx, actor, { networkId: change.networkId, personIds });
  }
}
