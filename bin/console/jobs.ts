/** Long operations started from a page (redrive, purge): progress kept in memory for the page to poll. */
import { randomBytes } from 'node:crypto';

export interface Job {
  readonly id: string;
  readonly label: string;
  state: 'running' | 'done' | 'failed';
  done: number;
  total?: number;
  status?: string;
  message?: string;
}

const KEEP = 50;

export class Jobs {
  private readonly jobs = new Map<string, Job>();

  start(
    label: string,
    run: (progress: (done: number, total?: number, status?: string) => void) => Promise<string>,
  ): Job {
    const job: Job = { id: randomBytes(8).toString('hex'), label, state: 'running', done: 0 };
    this.jobs.set(job.id, job);
    while (this.jobs.size > KEEP) this.jobs.delete(this.jobs.keys().next().value!);
    run((done, total, status) => Object.assign(job, { done, total, status })).then(
      (message) => Object.assign(job, { state: 'done', message }),
      (error: unknown) => Object.assign(job, { state: 'failed', message: (error as Error).message }),
    );
    return job;
  }

  get(id: string): Job | undefined {
    return this.jobs.get(id);
  }
}
