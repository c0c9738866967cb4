import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { MembershipService } from '@enlace/directory';

/** Longest wait between two looks at the date (a clock change or a missed timer costs at most this). */
const MAX_WAIT_MS = 60 * 60 * 1000;
/** Wait after a failed look (the database is down, or not migrated yet). */
const RETRY_MS = 60 * 1000;

/**
 * Terms planned to end on a later day (endMembership with a date, a successor designated from a
 * later day, an import's `starts_on`) end when that day begins, with nothing written then. Each api
 * process wakes when the database's day changes and has its own open sockets of the people concerned
 * re-check what they may read (`MembershipService.announcePlannedEnds`): the channels those terms gave
 * are left and announced (`channel:removed`), as when a term ends at once.
 */
@Injectable()
export class TermEndsWatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('TermEndsWatcher');
  private timer?: NodeJS.Timeout;
  private day: string | null = null;
  private stopped = false;

  constructor(private readonly memberships: MembershipService) {}

  onApplicationBootstrap(): void {
    void this.look();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** Announces the terms that ended after `since` and by today; today becomes the day last looked at. */
  async catchUp(since: string): Promise<void> {
    const { today } = await this.memberships.todayAndRest();
    if (today > since) await this.memberships.announcePlannedEnds(since, today);
    this.day = today;
  }

  /** Looks at the date (announcing what a new day ended), then sleeps until the next day begins. */
  private async look(): Promise<void> {
    let wait = RETRY_MS;
    try {
      const { today, msLeft } = await this.memberships.todayAndRest();
      // The first look only learns the date: sockets opened since resolved their access afresh.
      if (this.day !== null && today > this.day) await this.memberships.announcePlannedEnds(this.day, today);
      this.day = today;
      wait = Math.min(Math.max(msLeft, 0) + 1000, MAX_WAIT_MS);
    } catch (error) {
      if (this.stopped) return;
      this.logger.warn(`could not look at the date: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.look(), wait);
    this.timer.unref();
  }
}
