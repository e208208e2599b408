/**
 * Whether a process with this pid is running: what leftover files named after their writer's
 * pid (job sandboxes, rows.csv spools) are checked against before they are removed.
 */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
