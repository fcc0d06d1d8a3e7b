/** The custom event bus every hydrant event crosses, with an archive of everything on it. */
import { Duration, Stack } from 'aws-cdk-lib';
import { Archive, EventBus } from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';

export interface EventBackboneProps {
  /** @default 'shop-events' */
  readonly busName: string;
  /** Days the archive keeps events. @default 30 */
  readonly archiveRetentionDays: number;
}

export class EventBackbone extends Construct {
  public readonly bus: EventBus;
  public readonly archive: Archive;

  constructor(scope: Construct, id: string, props: EventBackboneProps) {
    super(scope, id);
    this.bus = new EventBus(this, 'Bus', { eventBusName: props.busName });
    this.archive = new Archive(this, 'Archive', {
      sourceEventBus: this.bus,
      description: `Every event on ${props.busName}, for replay`,
      // An archive needs a pattern; matching on the account takes every event on the bus.
      eventPattern: { account: [Stack.of(this).account] },
      retention: Duration.days(props.archiveRetentionDays),
    });
  }
}
