/**
 * `replayEvents`: replays a time window of the bus archive onto the bus, to every rule or to the
 * chosen rules (StartReplay's FilterArns), and polls DescribeReplay until the replay ends. Replayed
 * events carry `replay-name`. A replay cannot filter by content: `sources` / `detailTypes` select
 * the rules whose patterns accept those values, and every archived event in the window goes to
 * those rules, which then match as usual.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-replay-archived-event.html
 */
import {
  CancelReplayCommand,
  DescribeArchiveCommand,
  DescribeEventBusCommand,
  DescribeReplayCommand,
  ListArchivesCommand,
  ListRulesCommand,
  StartReplayCommand,
  TestEventPatternCommand,
  type EventBridgeClient,
  type Rule,
} from '@aws-sdk/client-eventbridge';
import { setTimeout as sleep } from 'node:timers/promises';
import { ReplayError } from './errors';

export interface ReplayOptions {
  /** Bus name or ARN. */
  readonly bus: string;
  readonly from: Date;
  /** @default now */
  readonly to?: Date;
  /** Rule names (exact, or a part only one rule has). */
  readonly rules?: readonly string[];
  readonly sources?: readonly string[];
  readonly detailTypes?: readonly string[];
  /** @default the bus's archive */
  readonly archive?: string;
  /** @default 1000 */
  readonly pollMs?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: ReplayProgress) => void;
}

export interface ReplayProgress {
  readonly state: string;
  /** 0–1 of the window replayed so far. */
  readonly fraction: number;
}

export interface ReplayResult {
  readonly replayName: string;
  readonly archive: string;
  readonly bus: string;
  readonly from: string;
  readonly to: string;
  /** Rule names the replay went to; undefined means every rule of the bus. */
  readonly rules?: readonly string[];
  readonly state: string;
  readonly stateReason?: string;
}

export async function replayEvents(events: EventBridgeClient, options: ReplayOptions): Promise<ReplayResult> {
  const to = options.to ?? new Date();
  if (Number.isNaN(options.from.getTime()) || Number.isNaN(to.getTime()) || !(options.from < to))
    throw new ReplayError('--from must be a date before --to (ISO 8601, e.g. 2026-11-30T12:00:00Z)');
  const bus = await events.send(new DescribeEventBusCommand({ Name: options.bus }));
  const busArn = bus.Arn!;
  const archive = await findArchive(events, busArn, options.archive);
  const rules = await selectRules(events, bus.Name!, busArn, options);
  const replayName = `hydrant-replay-${Date.now()}`;
  await events.send(
    new StartReplayCommand({
      ReplayName: replayName,
      EventSourceArn: archive.arn,
      EventStartTime: options.from,
      EventEndTime: to,
      Destination: { Arn: busArn, FilterArns: rules?.map((r) => r.Arn!) },
    }),
  );
  const span = to.getTime() - options.from.getTime();
  for (;;) {
    const replay = await events.send(new DescribeReplayCommand({ ReplayName: replayName }));
    const state = replay.State ?? 'STARTING';
    const last = replay.EventLastReplayedTime?.getTime();
    const done = state === 'COMPLETED' || state === 'FAILED' || state === 'CANCELLED';
    const fraction =
      state === 'COMPLETED' ? 1 : last === undefined ? 0 : (last - options.from.getTime()) / span;
    options.onProgress?.({ state, fraction: Math.max(0, Math.min(1, fraction)) });
    if (done) {
      const result = {
        replayName,
        archive: archive.name,
        bus: bus.Name!,
        from: options.from.toISOString(),
        to: to.toISOString(),
        rules: rules?.map((r) => r.Name!),
        state,
        stateReason: replay.StateReason,
      };
      if (state !== 'COMPLETED')
        throw new ReplayError(`Replay ${replayName} ended ${state}: ${replay.StateReason ?? ''}`);
      return result;
    }
    if (options.signal?.aborted) {
      await events.send(new CancelReplayCommand({ ReplayName: replayName })).catch(() => undefined);
      throw new ReplayError(`Cancelled replay ${replayName}`);
    }
    await sleep(options.pollMs ?? 1000, undefined, { signal: options.signal }).catch(() => undefined);
  }
}

async function findArchive(events: EventBridgeClient, busArn: string, wanted?: string) {
  const out = await events.send(new ListArchivesCommand({ EventSourceArn: busArn }));
  const archives = (out.Archives ?? []).filter((a) => a.EventSourceArn === busArn);
  const archive = wanted ? archives.find((a) => a.ArchiveName === wanted) : archives[0];
  if (!archive) {
    throw new ReplayError(
      wanted
        ? `No archive ${wanted} on ${busArn}: the bus has ${archives.map((a) => a.ArchiveName).join(', ') || 'none'}`
        : `The bus ${busArn} has no archive to replay from (the stack archives the bus; is it deployed?)`,
    );
  }
  const { ArchiveArn } = await events.send(new DescribeArchiveCommand({ ArchiveName: archive.ArchiveName }));
  return { name: archive.ArchiveName!, arn: ArchiveArn! };
}

/** The rules to replay to, or undefined for every rule. */
async function selectRules(
  events: EventBridgeClient,
  bus: string,
  busArn: string,
  options: ReplayOptions,
): Promise<Rule[] | undefined> {
  const byContent = (options.sources?.length ?? 0) > 0 || (options.detailTypes?.length ?? 0) > 0;
  if (!options.rules?.length && !byContent) return undefined;
  const all: Rule[] = [];
  let token: string | undefined;
  do {
    const out = await events.send(new ListRulesCommand({ EventBusName: bus, NextToken: token }));
    all.push(...(out.Rules ?? []));
    token = out.NextToken;
  } while (token);
  let selected = all.filter((r) => r.EventPattern);
  if (options.rules?.length) selected = options.rules.map((name) => pickRule(selected, name));
  if (byContent) {
    const accepted: Rule[] = [];
    for (const rule of selected) if (await acceptsAny(events, rule, busArn, options)) accepted.push(rule);
    selected = accepted;
  }
  if (selected.length === 0) {
    throw new ReplayError(
      `No rule on ${bus} accepts ` +
        [
          options.sources?.length && `source ${options.sources.join('|')}`,
          options.detailTypes?.length && `detail-type ${options.detailTypes.join('|')}`,
        ]
          .filter(Boolean)
          .join(' and '),
    );
  }
  return [...new Map(selected.map((r) => [r.Arn, r])).values()];
}

function pickRule(rules: readonly Rule[], wanted: string): Rule {
  const exact = rules.find((r) => r.Name === wanted || r.Arn === wanted);
  if (exact) return exact;
  const partial = rules.filter((r) => r.Name?.toLowerCase().includes(wanted.toLowerCase()));
  if (partial.length === 1) return partial[0]!;
  throw new ReplayError(
    partial.length > 1
      ? `"${wanted}" matches ${partial.length} rules (${partial.map((r) => r.Name).join(', ')}): be more specific`
      : `No rule named "${wanted}": the bus has ${rules.map((r) => r.Name).join(', ') || 'none'}`,
  );
}

/**
 * Whether the rule's pattern accepts one of the given sources / detail-types: its `source` and
 * `detail-type` fields alone are tested (TestEventPattern) against an event with those values.
 */
async function acceptsAny(
  events: EventBridgeClient,
  rule: Rule,
  busArn: string,
  options: ReplayOptions,
): Promise<boolean> {
  const [, , , region, account] = busArn.split(':');
  const pattern = JSON.parse(rule.EventPattern!) as Record<string, unknown>;
  const reduced: Record<string, unknown> = {};
  if (options.sources?.length && pattern.source !== undefined) reduced.source = pattern.source;
  if (options.detailTypes?.length && pattern['detail-type'] !== undefined)
    reduced['detail-type'] = pattern['detail-type'];
  if (Object.keys(reduced).length === 0) return true;
  for (const source of options.sources?.length ? options.sources : ['any']) {
    for (const detailType of options.detailTypes?.length ? options.detailTypes : ['any']) {
      const event = {
        id: '00000000-0000-0000-0000-000000000000',
        'detail-type': detailType,
        source,
        account,
        time: new Date().toISOString(),
        region,
        resources: [],
        detail: {},
      };
      const out = await events.send(
        new TestEventPatternCommand({ EventPattern: JSON.stringify(reduced), Event: JSON.stringify(event) }),
      );
      if (out.Result) return true;
    }
  }
  return false;
}
