/**
 * Archives (events a bus received, optionally filtered by a pattern) and replays of them back
 * onto a bus, marked with `replay-name`. Definitions live in the events state document; each
 * archive's events in its own append-only log (archive-events.ts).
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-archive.html
 */
import type { AwsContext } from '../../protocol/aws-context';
import type { JsonObject } from '../../protocol/json-provider';
import { ArchiveEvents, memoryArchiveLog, type ArchivedEvent, type ArchiveLog } from './archive-events';
import { ResourceAlreadyExistsException, ResourceNotFoundException, ValidationException } from './errors';
import { compilePattern, type CompiledPattern } from './pattern/compile';
import type { EventEnvelope } from './put-events';

interface Archive {
  name: string;
  arn: string;
  sourceArn: string;
  description?: string;
  eventPattern?: string;
  retentionDays: number;
  createdAt: number;
  events: ArchiveEvents;
  compiled?: CompiledPattern;
}

type SavedArchive = Omit<Archive, 'compiled' | 'events'> & { events?: ArchivedEvent[] };

interface Replay {
  name: string;
  arn: string;
  archiveArn: string;
  destination: { Arn: string; FilterArns?: string[] };
  startTime: number;
  endTime: number;
  state: 'STARTING' | 'RUNNING' | 'COMPLETED' | 'FAILED';
  stateReason?: string;
  replayStartedAt: number;
  replayEndedAt?: number;
  lastReplayedAt?: number;
}

export interface SavedArchives {
  archives: SavedArchive[];
  replays: Replay[];
}

/** Replays an event onto the destination bus, only to the rules named in FilterArns when given. */
export type ReplaySink = (busArn: string, event: EventEnvelope, ruleArns: string[] | undefined) => void;

export class Archives {
  private readonly archives = new Map<string, Archive>();
  private readonly replays = new Map<string, Replay>();

  constructor(
    private readonly context: AwsContext,
    private readonly now: () => number,
    private readonly changed: () => void,
    /** The log of an archive's events, by archive name. */
    private readonly logOf: (name: string) => ArchiveLog = memoryArchiveLog,
  ) {}

  restore(saved: SavedArchives | undefined): void {
    for (const { events: legacy, ...a } of saved?.archives ?? []) {
      this.archives.set(a.name, {
        ...a,
        events: new ArchiveEvents(this.logOf(a.name), a.retentionDays, this.now, legacy),
        compiled: a.eventPattern ? compilePattern(a.eventPattern) : undefined,
      });
    }
    for (const r of saved?.replays ?? []) this.replays.set(r.name, r);
  }

  snapshot(): SavedArchives {
    return {
      archives: [...this.archives.values()].map(({ compiled: _c, events: _e, ...a }) => a),
      replays: [...this.replays.values()],
    };
  }

  /** Called for every event a bus accepts (not for replayed events). */
  record(busArn: string, event: EventEnvelope, ingestedAt: number): void {
    for (const archive of this.archives.values()) {
      if (archive.sourceArn !== busArn) continue;
      if (archive.compiled && !archive.compiled.matches(event)) continue;
      archive.events.append({ event, ingestedAt });
    }
  }

  create(input: JsonObject, busExists: (arn: string) => boolean): JsonObject {
    const name = String(input.ArchiveName ?? '');
    if (!/^[.\-_A-Za-z0-9]{1,48}$/.test(name))
      throw new ValidationException(`ArchiveName ${name} is not valid.`);
    if (this.archives.has(name)) throw new ResourceAlreadyExistsException(`Archive ${name} already exists.`);
    const sourceArn = String(input.EventSourceArn ?? '');
    if (!busExists(sourceArn)) throw new ResourceNotFoundException(`Event bus ${sourceArn} does not exist.`);
    const eventPattern = input.EventPattern as string | undefined;
    const retentionDays = Number(input.RetentionDays ?? 0);
    if (!Number.isInteger(retentionDays) || retentionDays < 0)
      throw new ValidationException('RetentionDays must be a whole number of days, 0 or more.');
    const log = this.logOf(name);
    log.remove();
    const archive: Archive = {
      name,
      arn: `arn:aws:events:${this.context.region}:${this.context.accountId}:archive/${name}`,
      sourceArn,
      description: input.Description as string | undefined,
      eventPattern,
      compiled: eventPattern ? compilePattern(eventPattern) : undefined,
      retentionDays,
      createdAt: this.now(),
      events: new ArchiveEvents(log, retentionDays, this.now),
    };
    this.archives.set(name, archive);
    this.changed();
    return { ArchiveArn: archive.arn, State: 'ENABLED', CreationTime: archive.createdAt / 1000 };
  }

  describe(input: JsonObject): JsonObject {
    const archive = this.archive(input.ArchiveName);
    return {
      ArchiveArn: archive.arn,
      ArchiveName: archive.name,
      EventSourceArn: archive.sourceArn,
      Description: archive.description,
      EventPattern: archive.eventPattern,
      State: 'ENABLED',
      RetentionDays: archive.retentionDays,
      SizeBytes: archive.events.sizeBytes,
      EventCount: archive.events.count,
      CreationTime: archive.createdAt / 1000,
    };
  }

  /** Archives filtered by NamePrefix, EventSourceArn and State (always ENABLED here). */
  list(input: JsonObject): JsonObject {
    const prefix = String(input.NamePrefix ?? '');
    return {
      Archives: [...this.archives.values()]
        .filter((a) => a.name.startsWith(prefix))
        .filter((a) => input.EventSourceArn === undefined || a.sourceArn === input.EventSourceArn)
        .filter(() => input.State === undefined || input.State === 'ENABLED')
        .map((a) => ({
          ArchiveName: a.name,
          EventSourceArn: a.sourceArn,
          State: 'ENABLED',
          RetentionDays: a.retentionDays,
          EventCount: a.events.count,
          CreationTime: a.createdAt / 1000,
        })),
    };
  }

  delete(input: JsonObject): JsonObject {
    this.archive(input.ArchiveName).events.remove();
    this.archives.delete(String(input.ArchiveName));
    this.changed();
    return {};
  }

  startReplay(input: JsonObject, sink: ReplaySink): JsonObject {
    const name = String(input.ReplayName ?? '');
    if (!/^[.\-_A-Za-z0-9]{1,64}$/.test(name))
      throw new ValidationException(`ReplayName ${name} is not valid.`);
    if (this.replays.has(name)) throw new ResourceAlreadyExistsException(`Replay ${name} already exists.`);
    const archiveArn = String(input.EventSourceArn ?? '');
    const archive = [...this.archives.values()].find((a) => a.arn === archiveArn);
    if (!archive) throw new ResourceNotFoundException(`Archive ${archiveArn} does not exist.`);
    const destination = input.Destination as Replay['destination'] | undefined;
    if (!destination?.Arn)
      throw new ValidationException('StartReplay needs Destination.Arn (an event bus ARN).');
    if (destination.Arn !== archive.sourceArn) {
      throw new ValidationException(
        'Parameter Destination.Arn is not valid: it must be the archive source event bus.',
      );
    }
    const startTime = Number(input.EventStartTime) * 1000;
    const endTime = Number(input.EventEndTime) * 1000;
    if (!(startTime < endTime)) throw new ValidationException('EventStartTime must be before EventEndTime.');
    const replay: Replay = {
      name,
      arn: `arn:aws:events:${this.context.region}:${this.context.accountId}:replay/${name}`,
      archiveArn,
      destination,
      startTime,
      endTime,
      state: 'STARTING',
      replayStartedAt: this.now(),
    };
    this.replays.set(name, replay);
    setImmediate(() => this.run(replay, archive, sink));
    return { ReplayArn: replay.arn, State: replay.state, ReplayStartTime: replay.replayStartedAt / 1000 };
  }

  describeReplay(input: JsonObject): JsonObject {
    const replay = this.replays.get(String(input.ReplayName));
    if (!replay) throw new ResourceNotFoundException(`Replay ${String(input.ReplayName)} does not exist.`);
    return { ...replaySummary(replay), ReplayArn: replay.arn, Destination: replay.destination };
  }

  /** Replays filtered by NamePrefix, State and EventSourceArn, by name. */
  listReplays(input: JsonObject): JsonObject {
    const prefix = String(input.NamePrefix ?? '');
    return {
      Replays: [...this.replays.values()]
        .filter((r) => r.name.startsWith(prefix))
        .filter((r) => input.State === undefined || r.state === input.State)
        .filter((r) => input.EventSourceArn === undefined || r.archiveArn === input.EventSourceArn)
        .sort((a, b) => (a.name < b.name ? -1 : 1))
        .map(replaySummary),
    };
  }

  private run(replay: Replay, archive: Archive, sink: ReplaySink): void {
    replay.state = 'RUNNING';
    for (const { event, ingestedAt } of archive.events.list()) {
      if (ingestedAt < replay.startTime || ingestedAt >= replay.endTime) continue;
      sink(replay.destination.Arn, { ...event, 'replay-name': replay.name }, replay.destination.FilterArns);
      replay.lastReplayedAt = ingestedAt;
    }
    replay.state = 'COMPLETED';
    replay.replayEndedAt = this.now();
    this.changed();
  }

  private archive(name: unknown): Archive {
    const archive = this.archives.get(String(name));
    if (!archive) throw new ResourceNotFoundException(`Archive ${String(name)} does not exist.`);
    return archive;
  }
}

/** What ListReplays lists of a replay (DescribeReplay adds its ARN and destination). */
function replaySummary(replay: Replay): JsonObject {
  return {
    ReplayName: replay.name,
    State: replay.state,
    StateReason: replay.stateReason,
    EventSourceArn: replay.archiveArn,
    EventStartTime: replay.startTime / 1000,
    EventEndTime: replay.endTime / 1000,
    EventLastReplayedTime: replay.lastReplayedAt === undefined ? undefined : replay.lastReplayedAt / 1000,
    ReplayStartTime: replay.replayStartedAt / 1000,
    ReplayEndTime: replay.replayEndedAt === undefined ? undefined : replay.replayEndedAt / 1000,
  };
}
