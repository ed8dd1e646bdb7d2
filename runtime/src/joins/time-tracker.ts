/**
 * Stream time shared by both sides of one stream–stream join in one task (Kafka's TimeTracker): the outer-join
 * emission needs the largest timestamp seen on either side, and the smallest timestamp still waiting.
 */
export class JoinTimeTracker {
  streamTime = Number.NEGATIVE_INFINITY;
  minTime = Number.POSITIVE_INFINITY;

  advanceStreamTime(timestamp: number): void {
    if (timestamp > this.streamTime) this.streamTime = timestamp;
  }

  updatedMinTime(timestamp: number): void {
    if (timestamp < this.minTime) this.minTime = timestamp;
  }
}

/** One tracker per task, shared by the join's two side processors (Kafka's TimeTrackerSupplier). */
export class JoinTimeTrackers {
  private readonly byTask = new Map<string, JoinTimeTracker>();

  get(taskId: string): JoinTimeTracker {
    let tracker = this.byTask.get(taskId);
    if (!tracker) {
      tracker = new JoinTimeTracker();
      this.byTask.set(taskId, tracker);
    }
    return tracker;
  }

  remove(taskId: string): void {
    this.byTask.delete(taskId);
  }
}
