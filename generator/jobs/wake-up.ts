import type { PgBoss } from 'pg-boss';

/**
 * Waking idle build slots when a build is requested. The change-capture
 * trigger NOTIFYs `dreamseed_site_build` with the new job's due time (after
 * the debounce window); pg-boss does not notify for such deferred jobs, so a
 * worker would otherwise find them only at its next poll. Where the
 * connection can LISTEN (PostgreSQL; the embedded database in-process), the
 * worker sets a timer for the due time and wakes its slots then. Where it
 * cannot, polling (DREAMSEED_WORKER_POLL_S) is the floor.
 */
export const BUILD_CHANNEL = 'dreamseed_site_build';

export async function wakeOnRequests(boss: PgBoss, wake: () => void): Promise<{ close(): Promise<void> }> {
  const db = boss.getDb();
  const timers = new Map<number, NodeJS.Timeout>();
  const at = (due: number) => {
    if (timers.has(due)) return;
    const timer = setTimeout(
      () => {
        timers.delete(due);
        wake();
      },
      Math.max(0, due - Date.now()) + 5,
    );
    timers.set(due, timer);
  };
  const handle = db.listen
    ? await db
        .listen(
          BUILD_CHANNEL,
          (payload) => {
            const due = Number((JSON.parse(payload) as { due_ms?: unknown }).due_ms);
            at(Number.isFinite(due) ? due : Date.now());
          },
          wake,
        )
        .catch(() => null)
    : null;
  return {
    async close() {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      await handle?.close();
    },
  };
}
