/** Test helpers for synthesizing the stack without bundling Lambda code. */
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { MOCK_PARTNER_CONTEXT, type HydrantConfig } from '../../lib/config';
import { HydrantStack } from '../../lib/hydrant-stack';

export interface SynthOptions {
  readonly config?: Partial<HydrantConfig>;
  readonly context?: Record<string, unknown>;
}

/**
 * A stack built with bundling skipped (`aws:cdk:bundling-stacks: []`), ~0.1 s. With the mock
 * partner (`hydrant:mockPartner=true`) unless the test configures a real partner endpoint.
 */
export function buildStack(options: SynthOptions = {}): HydrantStack {
  const realPartner =
    options.config?.partnerEndpoint !== undefined ||
    options.context?.['hydrant:partnerEndpoint'] !== undefined;
  const app = new App({
    context: {
      'aws:cdk:bundling-stacks': [],
      ...(realPartner ? {} : MOCK_PARTNER_CONTEXT),
      ...options.context,
    },
  });
  return new HydrantStack(app, 'Test', {
    env: { account: '123456789012', region: 'eu-west-1' },
    config: options.config,
  });
}

export function synthTemplate(options: SynthOptions = {}): Template {
  return Template.fromStack(buildStack(options));
}

/** cdk-nag AwsSolutions findings that are not acknowledged, as "rule at path: message" lines. */
export function nagFindings(stack: HydrantStack): string[] {
  const report = new AwsSolutionsChecks(stack).validateScope(stack);
  return report.violations.flatMap((v) =>
    v.violatingResources.map(
      (r) => `${v.ruleName} at ${r.constructPath ?? r.resourceLogicalId}: ${v.description}`,
    ),
  );
}
