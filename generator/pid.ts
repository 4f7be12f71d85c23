/**
 * Whether a process is alive (a lock file's holder, a deploy's owner): signal 0
 * tests for existence; EPERM means it exists under another user.
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
