import { describe, expect, it } from 'vitest';
import { IntrinsicError } from '../../../emulator/cloudformation/errors';
import { IntrinsicResolver, referencedLogicalIds } from '../../../emulator/cloudformation/intrinsics';
import type { Template } from '../../../emulator/cloudformation/template';

const env = { accountId: '000000000000', region: 'eu-west-1', stackName: 'Hydrant' };

const template: Template = {
  Parameters: { Stage: { Type: 'String', Default: 'prod' }, Required: { Type: 'String' } },
  Conditions: {
    IsProd: { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] },
    IsDev: { 'Fn::Not': [{ Condition: 'IsProd' }] },
    Both: { 'Fn::And': [{ Condition: 'IsProd' }, { 'Fn::Equals': ['a', 'a'] }] },
    Either: { 'Fn::Or': [{ Condition: 'IsDev' }, { 'Fn::Equals': ['a', 'b'] }] },
  },
  Mappings: { Regions: { 'eu-west-1': { Short: 'euw1' } } },
  Resources: { Queue: { Type: 'AWS::SQS::Queue' }, Bus: { Type: 'AWS::Events::EventBus' } },
};

function resolver(parameters: Record<string, unknown> = { Required: 'given' }) {
  return new IntrinsicResolver(
    template,
    env,
    {
      ref: (id) => `physical-${id}`,
      getAtt: (id, attribute) => `${id}.${attribute}`,
      importValue: (name) => `export:${name}`,
    },
    parameters,
  );
}

describe('intrinsic resolver', () => {
  it('resolves Ref to resources, parameters with defaults and pseudo parameters', () => {
    const r = resolver();
    expect(r.resolve({ Ref: 'Queue' })).toBe('physical-Queue');
    expect(r.resolve({ Ref: 'Stage' })).toBe('prod');
    expect(r.resolve({ Ref: 'Required' })).toBe('given');
    expect(r.resolve([{ Ref: 'AWS::Region' }, { Ref: 'AWS::AccountId' }, { Ref: 'AWS::Partition' }])).toEqual(
      ['eu-west-1', '000000000000', 'aws'],
    );
    expect(r.resolve({ Ref: 'AWS::URLSuffix' })).toBe('amazonaws.com');
    expect(r.resolve({ Ref: 'AWS::StackName' })).toBe('Hydrant');
  });

  it('removes properties and list items set to AWS::NoValue', () => {
    expect(
      resolver().resolve({ a: 1, b: { Ref: 'AWS::NoValue' }, c: [1, { Ref: 'AWS::NoValue' }, 2] }),
    ).toEqual({
      a: 1,
      c: [1, 2],
    });
  });

  it('resolves GetAtt in both its string and list forms', () => {
    const r = resolver();
    expect(r.resolve({ 'Fn::GetAtt': ['Queue', 'Arn'] })).toBe('Queue.Arn');
    expect(r.resolve({ 'Fn::GetAtt': 'Bus.Arn' })).toBe('Bus.Arn');
  });

  it('joins, splits and selects', () => {
    const r = resolver();
    expect(r.resolve({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sqs']] })).toBe('arn:aws:sqs');
    expect(r.resolve({ 'Fn::Split': [',', 'a,b,c'] })).toEqual(['a', 'b', 'c']);
    expect(r.resolve({ 'Fn::Select': [1, { 'Fn::Split': ['.', { 'Fn::GetAtt': ['Queue', 'Arn'] }] }] })).toBe(
      'Arn',
    );
    expect(r.resolve({ 'Fn::Select': [2, { 'Fn::Split': [':', 'arn:aws:events:x'] }] })).toBe('events');
  });

  it('substitutes pseudo parameters, references, attributes, variables and escaped literals in Fn::Sub', () => {
    const r = resolver();
    expect(
      r.resolve({ 'Fn::Sub': 'arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${Queue}' }),
    ).toBe('arn:aws:sqs:eu-west-1:000000000000:physical-Queue');
    expect(r.resolve({ 'Fn::Sub': '${Bus.Arn}/${!Literal}' })).toBe('Bus.Arn/${Literal}');
    expect(
      r.resolve({ 'Fn::Sub': ['${Greeting}, ${Stage}', { Greeting: { 'Fn::Join': ['', ['he', 'llo']] } }] }),
    ).toBe('hello, prod');
  });

  it('evaluates conditions and Fn::If', () => {
    const r = resolver();
    expect(r.condition('IsProd')).toBe(true);
    expect(r.condition('IsDev')).toBe(false);
    expect(r.condition('Both')).toBe(true);
    expect(r.condition('Either')).toBe(false);
    expect(r.resolve({ 'Fn::If': ['IsProd', 'p', 'd'] })).toBe('p');
    expect(
      resolver({ Required: 'x', Stage: 'dev' }).resolve({
        'Fn::If': ['IsProd', 'p', { Ref: 'AWS::NoValue' }],
      }),
    ).toBe(undefined);
  });

  it('finds values in mappings, imports exports and encodes base64', () => {
    const r = resolver();
    expect(r.resolve({ 'Fn::FindInMap': ['Regions', { Ref: 'AWS::Region' }, 'Short'] })).toBe('euw1');
    expect(r.resolve({ 'Fn::ImportValue': { 'Fn::Sub': '${AWS::StackName}-Bus' } })).toBe(
      'export:Hydrant-Bus',
    );
    expect(r.resolve({ 'Fn::Base64': 'héllo' })).toBe(Buffer.from('héllo').toString('base64'));
    expect(r.resolve({ 'Fn::GetAZs': '' })).toEqual(['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
  });

  it('says what is wrong with a broken reference', () => {
    const r = resolver({});
    expect(() => r.resolve({ Ref: 'Missing' })).toThrow(IntrinsicError);
    expect(() => r.resolve({ Ref: 'Required' })).toThrow(/no Default/);
    expect(() => r.resolve({ 'Fn::GetAtt': ['Nope', 'Arn'] })).toThrow(/not a resource/);
    expect(() => r.resolve({ 'Fn::Select': [5, ['a']] })).toThrow(/out of range/);
    expect(() => r.resolve({ 'Fn::Cidr': ['10.0.0.0/16', 2, 8] })).toThrow(/not supported/);
  });

  it('lists the logical ids a value depends on', () => {
    const ids = referencedLogicalIds({
      a: { Ref: 'Queue' },
      b: { 'Fn::GetAtt': 'Bus.Arn' },
      c: { 'Fn::Sub': ['${Other.Arn} ${AWS::Region} ${Var} ${!Skip}', { Var: { Ref: 'Param' } }] },
      d: { Ref: 'AWS::AccountId' },
    });
    expect([...ids].sort()).toEqual(['Bus', 'Other', 'Param', 'Queue']);
  });
});
