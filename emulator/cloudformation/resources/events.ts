/** AWS::Events::EventBus, Rule and Archive through the EventBridge provider. */
import type { RuleState } from '@aws-sdk/client-eventbridge';
import type { Target } from '../../services/events/operations';
import { generatedName } from '../physical-names';
import { arn, isAwsError, type ResourceHandler, type ResourceInput } from './resource-handler';

/** The template properties these handlers read (CloudFormation's names; patterns as objects). */
interface BusProperties {
  Name?: string;
  Description?: string;
}

interface RuleProperties {
  Name?: string;
  EventBusName?: string;
  EventPattern?: object;
  ScheduleExpression?: string;
  State?: RuleState;
  Description?: string;
  Targets?: Target[];
}

interface ArchiveProperties {
  ArchiveName?: string;
  SourceArn?: string;
  EventPattern?: object;
  RetentionDays?: number;
  Description?: string;
}

function busName(input: ResourceInput, value: unknown): string {
  if (typeof value !== 'string' || value === '') return 'default';
  return value.startsWith('arn:') ? value.slice(value.lastIndexOf('/') + 1) : value;
}

export const eventBus: ResourceHandler = async (input) => {
  const p = input.properties as BusProperties;
  const name = String(p.Name);
  try {
    await input.targets.events.dispatch('CreateEventBus', { Name: name, Description: p.Description });
  } catch (error) {
    if (!isAwsError(error, 'ResourceAlreadyExistsException')) throw error;
  }
  const busArn = arn(input, 'events', `event-bus/${name}`);
  return { ref: name, attributes: { Arn: busArn, Name: name } };
};

export const rule: ResourceHandler = async (input) => {
  const p = input.properties as RuleProperties;
  const name =
    typeof p.Name === 'string' ? p.Name : generatedName(input.stackName, input.logicalId, { maxLength: 64 });
  const bus = busName(input, p.EventBusName);
  // PARITY: schedule expressions are stored but never fire; the pipeline has only pattern rules.
  await input.targets.events.dispatch('PutRule', {
    Name: name,
    EventBusName: bus,
    EventPattern: p.EventPattern === undefined ? undefined : JSON.stringify(p.EventPattern),
    ScheduleExpression: p.ScheduleExpression,
    State: p.State ?? 'ENABLED',
    Description: p.Description,
  });
  const targets = p.Targets ?? [];
  if (targets.length > 0) {
    const result = await input.targets.events.dispatch('PutTargets', {
      Rule: name,
      EventBusName: bus,
      Targets: targets,
    });
    if (Number(result.FailedEntryCount ?? 0) > 0) {
      throw new Error(`PutTargets rejected targets: ${JSON.stringify(result.FailedEntries)}`);
    }
  }
  const ruleArn = arn(input, 'events', bus === 'default' ? `rule/${name}` : `rule/${bus}/${name}`);
  // Ref of a rule on a custom bus is "bus|rule", as CloudFormation returns it.
  return { ref: bus === 'default' ? name : `${bus}|${name}`, attributes: { Arn: ruleArn } };
};

export const archive: ResourceHandler = async (input) => {
  const p = input.properties as ArchiveProperties;
  const name =
    typeof p.ArchiveName === 'string'
      ? p.ArchiveName
      : generatedName(input.stackName, input.logicalId, { maxLength: 48 });
  try {
    await input.targets.events.dispatch('CreateArchive', {
      ArchiveName: name,
      EventSourceArn: p.SourceArn,
      EventPattern: p.EventPattern === undefined ? undefined : JSON.stringify(p.EventPattern),
      RetentionDays: p.RetentionDays,
      Description: p.Description,
    });
  } catch (error) {
    if (!isAwsError(error, 'ResourceAlreadyExistsException')) throw error;
  }
  return { ref: name, attributes: { Arn: arn(input, 'events', `archive/${name}`), ArchiveName: name } };
};
