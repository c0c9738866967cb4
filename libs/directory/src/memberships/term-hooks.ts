import { Injectable } from '@nestjs/common';
import type { Actor, Tx } from '@enlace/core';

/** Whose terms in which network changed in one write (opened, ended, handed over, imported). */
export interface TermChange {
  readonly networkId: string;
  readonly personIds: readonly string[];
}

/** Work another context does in the transaction of a term change (meetings keep role invitations current). */
export type TermHook = (tx: Tx, actor: Actor, change: TermChange) => Promise<void>;

/** Work another context does in the transaction of a person's erasure (meetings take them out of upcoming ones). */
export type ErasureHook = (tx: Tx, actor: Actor, personId: string) => Promise<void>;

/**
 * The seam through which contexts the directory may not import hear of term changes: they subscribe
 * at start-up, and `MembershipService` calls every hook inside the transaction that changed the terms
 * (`open`, `end`, `applyPlannedTerms`), after its own writes and notices. Erasure (`endAllOf`) calls
 * the erasure hooks instead: an erased person is taken out of what is still ahead, whatever brought
 * them in, and told nothing. A hook that throws rolls the change back with it.
 */
@Injectable()
export class TermHooks {
  private readonly hooks: TermHook[] = [];
  private readonly erasureHooks: ErasureHook[] = [];

  subscribe(hook: TermHook): () => void {
    this.hooks.push(hook);
    return () => {
      const at = this.hooks.indexOf(hook);
      if (at >= 0) this.hooks.splice(at, 1);
    };
  }

  subscribeErasure(hook: ErasureHook): () => void {
    this.erasureHooks.push(hook);
    return () => {
      const at = this.erasureHooks.indexOf(hook);
      if (at >= 0) this.erasureHooks.splice(at, 1);
    };
  }

  async erased(tx: Tx, actor: Actor, personId: string): Promise<void> {
    for (const hook of this.erasureHooks) await hook(tx, actor, personId);
  }

  async changed(tx: Tx, actor: Actor, change: TermChange): Promise<void> {
    const personIds = [...new Set(change.personIds)];
    if (personIds.length === 0) return;
    for (const hook of this.hooks) await hook(tx, actor, { networkId: change.networkId, personIds });
  }
}
