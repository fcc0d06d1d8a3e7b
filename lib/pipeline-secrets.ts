/**
 * Secrets Manager secrets the pipeline reads: Stripe webhook signing secrets, delivery-provider
 * signing secrets and the partner API credentials. Values are set by operators (`hydrant stripe
 * register`, `hydrant stripe use-secret`) or generated; they never appear in the template.
 */
import { SecretValue, Validations } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

export interface PipelineSecretsProps {
  readonly deliveryProviders: readonly string[];
}

export class PipelineSecrets extends Construct {
  /** JSON `{"signingSecrets": ["whsec_…", …]}`, newest first. */
  public readonly stripe: Secret;
  /** JSON `{"<provider>": ["secret", …]}`, newest first per provider. */
  public readonly delivery: Secret;
  /** JSON `{"type": "static", "token": "…"}` or `{"type": "oauth", "tokenUrl", "clientId", "clientSecret"}`. */
  public readonly partner: Secret;

  constructor(scope: Construct, id: string, props: PipelineSecretsProps) {
    super(scope, id);
    this.stripe = new Secret(this, 'StripeSigning', {
      description: 'Stripe webhook signing secrets {"signingSecrets": ["whsec_..."]}, newest first',
      // Starts empty: `hydrant stripe register` stores the secret Stripe returns for the endpoint.
      secretStringValue: SecretValue.unsafePlainText(JSON.stringify({ signingSecrets: [] })),
    });
    this.delivery = new Secret(this, 'DeliverySigning', {
      description: 'Delivery-provider signing secrets {"<provider>": ["secret", ...]}, newest first',
      // Starts with an empty list per provider: each provider's shared secret is added by an operator.
      secretStringValue: SecretValue.unsafePlainText(
        JSON.stringify(Object.fromEntries(props.deliveryProviders.map((p) => [p, []]))),
      ),
    });
    this.partner = new Secret(this, 'PartnerCredentials', {
      description: 'Partner GraphQL API credentials (static bearer token or OAuth client credentials)',
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ type: 'static' }),
        generateStringKey: 'token',
        excludePunctuation: true,
        passwordLength: 48,
      },
    });
    for (const secret of [this.stripe, this.delivery, this.partner]) {
      Validations.of(secret).acknowledge({
        id: 'AwsSolutions-SMG4',
        reason:
          'Rotated by the issuer, not by a Lambda: Stripe and delivery providers issue new signing secrets ' +
          'that operators add at the front of the list while the old one stays active; partner tokens ' +
          'are issued by the partner.',
      });
    }
  }
}
