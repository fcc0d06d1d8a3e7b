/**
 * The EventBridge operations the emulator serves, typed by the AWS SDK's own request and result
 * shapes (type-only imports: the SDK is not loaded at run time).
 */
import type {
  CreateArchiveRequest,
  CreateArchiveResponse,
  CreateEventBusRequest,
  CreateEventBusResponse,
  DeleteArchiveRequest,
  DeleteArchiveResponse,
  DeleteEventBusRequest,
  DeleteRuleRequest,
  DescribeArchiveRequest,
  DescribeArchiveResponse,
  DescribeEventBusRequest,
  DescribeEventBusResponse,
  DescribeReplayRequest,
  DescribeReplayResponse,
  DescribeRuleRequest,
  DescribeRuleResponse,
  DisableRuleRequest,
  EnableRuleRequest,
  ListArchivesRequest,
  ListArchivesResponse,
  ListEventBusesRequest,
  ListEventBusesResponse,
  ListReplaysRequest,
  ListReplaysResponse,
  ListRuleNamesByTargetRequest,
  ListRuleNamesByTargetResponse,
  ListRulesRequest,
  ListRulesResponse,
  ListTargetsByRuleRequest,
  ListTargetsByRuleResponse,
  PutEventsRequest,
  PutEventsResponse,
  PutRuleRequest,
  PutRuleResponse,
  PutTargetsRequest,
  PutTargetsResponse,
  RemoveTargetsRequest,
  RemoveTargetsResponse,
  StartReplayRequest,
  StartReplayResponse,
  Target as SdkTarget,
  TestEventPatternRequest,
  TestEventPatternResponse,
} from '@aws-sdk/client-eventbridge';
import type { Wire } from '../../protocol/json-provider';

/** Operations whose result has no members. */
type Empty = Record<string, never>;

export type EventsOperations = {
  CreateEventBus: [CreateEventBusRequest, CreateEventBusResponse];
  DescribeEventBus: [DescribeEventBusRequest, DescribeEventBusResponse];
  ListEventBuses: [ListEventBusesRequest, ListEventBusesResponse];
  DeleteEventBus: [DeleteEventBusRequest, Empty];
  PutRule: [PutRuleRequest, PutRuleResponse];
  DescribeRule: [DescribeRuleRequest, DescribeRuleResponse];
  ListRules: [ListRulesRequest, ListRulesResponse];
  DeleteRule: [DeleteRuleRequest, Empty];
  EnableRule: [EnableRuleRequest, Empty];
  DisableRule: [DisableRuleRequest, Empty];
  PutTargets: [PutTargetsRequest, PutTargetsResponse];
  ListTargetsByRule: [ListTargetsByRuleRequest, ListTargetsByRuleResponse];
  ListRuleNamesByTarget: [ListRuleNamesByTargetRequest, ListRuleNamesByTargetResponse];
  RemoveTargets: [RemoveTargetsRequest, RemoveTargetsResponse];
  PutEvents: [PutEventsRequest, PutEventsResponse];
  TestEventPattern: [TestEventPatternRequest, TestEventPatternResponse];
  CreateArchive: [CreateArchiveRequest, CreateArchiveResponse];
  DescribeArchive: [DescribeArchiveRequest, DescribeArchiveResponse];
  ListArchives: [ListArchivesRequest, ListArchivesResponse];
  DeleteArchive: [DeleteArchiveRequest, DeleteArchiveResponse];
  StartReplay: [StartReplayRequest, StartReplayResponse];
  DescribeReplay: [DescribeReplayRequest, DescribeReplayResponse];
  ListReplays: [ListReplaysRequest, ListReplaysResponse];
};

/** A stored rule target: the SDK's Target as JSON carries it, with its required members. */
export type Target = Wire<SdkTarget> & { Id: string; Arn: string };
