/** The CDK app: one hydrant stack, checked by cdk-nag's AwsSolutions pack on every synth. */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { HydrantStack } from '../lib/hydrant-stack';

const app = new App();
new HydrantStack(app, app.node.tryGetContext('hydrant:stackName') ?? 'Hydrant', {
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
