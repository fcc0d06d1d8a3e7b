/** Test helpers for synthesizing the stack without bundling Lambda code. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { MOCK_PARTNER_CONTEXT, type HydrantConfig } from '../../lib/config';
import { HydrantStack } from '../../lib/hydrant-stack';

export interface SynthOptions {
  readonly config?: Partial<HydrantConfig>;
  readonly context?: Record<string, unknown>;
}

const CDK_JSON = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../cdk.json');

/** The feature flags of cdk.json, so tests (and their cdk-nag checks) see what `cdk synth` builds. */
export const FEATURE_FLAGS: Record<string, unknown> = Object.fromEntries(
  Object.entries(
    (JSON.parse(readFileSync(CDK_JSON, 'utf8')) as { context: Record<string, unknown> }).context,
  ).filter(([key]) => key.startsWith('@aws-cdk')),
);

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
      ...FEATURE_FLAGS,
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
