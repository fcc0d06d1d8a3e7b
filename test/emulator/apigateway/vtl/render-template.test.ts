import { describe, expect, it } from 'vitest';
import {
  renderTemplate,
  VtlInvalidJsonError,
  VtlSyntaxError,
  type TemplateInput,
} from '../../../../emulator/services/apigateway/vtl';

const request: TemplateInput = {
  body: JSON.stringify({
    id: 'evt_1',
    n: 3,
    items: [{ sku: 'a' }, { sku: 'b' }],
    nested: { ok: true },
    nothing: null,
  }),
  headers: { 'Stripe-Signature': 't=1,v1=abc', 'User-Agent': 'Stripe/1.0' },
  queryString: { page: '2', id: 'from-query' },
  pathParams: { provider: 'acme-post' },
  stageVariables: { busName: 'shop-events' },
  context: {
    requestId: 'req-1',
    extendedRequestId: 'ext-1',
    requestTimeEpoch: 1700000000123,
    requestTime: '14/Nov/2023:22:13:20 +0000',
    identity: { sourceIp: '203.0.113.9', userAgent: 'Stripe/1.0' },
    stage: 'v1',
    resourcePath: '/webhooks/delivery/acme-post',
    httpMethod: 'POST',
  },
};

const render = (template: string, input: Partial<TemplateInput> = {}) =>
  renderTemplate(template, { ...request, ...input }).output;

describe('VTL renderer: $input', () => {
  it('gives the raw body unchanged', () => {
    expect(render('$input.body', { body: '{"a": "it\'s"}\n' })).toBe('{"a": "it\'s"}\n');
  });

  it('json() renders the JSON text at a path', () => {
    expect(render("$input.json('$')")).toBe(request.body);
    expect(render("$input.json('$.id')")).toBe('"evt_1"');
    expect(render("$input.json('$.items[1]')")).toBe('{"sku":"b"}');
    expect(render("$input.json('$.items[*].sku')")).toBe('["a","b"]');
    expect(render("$input.json('$')", { body: '' })).toBe('{}');
  });

  it('path() gives navigable values', () => {
    expect(render("$input.path('$.n')")).toBe('3');
    expect(render("$input.path('$.items').size()")).toBe('2');
    expect(render("$input.path('$.items')[0].sku")).toBe('a');
    expect(render("$input.path('$.nested').ok")).toBe('true');
    expect(render("$input.path('$')['id']")).toBe('evt_1');
  });

  it('a JSON null or a missing path is a null reference, rendered as nothing with $!', () => {
    expect(render("#set($x = $input.path('$.nothing'))[$!x]")).toBe('[]');
    expect(render("#set($x = $input.path('$.missing'))[$!x]")).toBe('[]');
  });

  it('json() and path() on a body that is not JSON fail the render', () => {
    expect(() => render("$input.path('$.a')", { body: 'not json' })).toThrow(VtlInvalidJsonError);
  });

  it('params(name) looks in the path, then the query string, then the headers (case-insensitive)', () => {
    expect(render("$input.params('provider')")).toBe('acme-post');
    expect(render("$input.params('page')")).toBe('2');
    expect(render("$input.params('id')")).toBe('from-query');
    expect(render("$input.params('stripe-signature')")).toBe('t=1,v1=abc');
    expect(render("[$input.params('absent')]")).toBe('[]');
  });

  it('params() gives all parameters by location', () => {
    expect(render("$input.params().path.provider $input.params().querystring.get('page')")).toBe(
      'acme-post 2',
    );
    expect(render("$input.params().header.get('User-Agent')")).toBe('Stripe/1.0');
  });
});

describe('VTL renderer: $util', () => {
  it('exposes each utility function', () => {
    expect(render(`$util.escapeJavaScript("it's /")`)).toBe("it\\'s \\/");
    expect(render(`$util.parseJson('{"a":{"b":7}}').a.b`)).toBe('7');
    expect(render(`$util.urlEncode("a b/c")`)).toBe('a+b%2Fc');
    expect(render(`$util.urlDecode("a+b%2Fc")`)).toBe('a b/c');
    expect(render(`$util.base64Encode("é")`)).toBe('w6k=');
    expect(render(`$util.base64Decode("w6k=")`)).toBe('é');
  });
});

describe('VTL renderer: $context and $stageVariables', () => {
  it.each([
    ['$context.requestId', 'req-1'],
    ['$context.extendedRequestId', 'ext-1'],
    ['$context.requestTimeEpoch', '1700000000123'],
    ['$context.requestTime', '14/Nov/2023:22:13:20 +0000'],
    ['$context.identity.sourceIp', '203.0.113.9'],
    ['$context.identity.userAgent', 'Stripe/1.0'],
    ['$context.stage', 'v1'],
    ['$context.resourcePath', '/webhooks/delivery/acme-post'],
    ['$context.httpMethod', 'POST'],
    ['$stageVariables.busName', 'shop-events'],
  ])('%s renders %j', (template, expected) => {
    expect(render(template)).toBe(expected);
  });

  it('returns the response override the template set', () => {
    const result = renderTemplate(
      '#set($context.responseOverride.status = 503)#set($context.responseOverride.header.Retry = "30")',
      request,
    );
    expect(result.context.responseOverride).toEqual({ status: 503, header: { Retry: '30' } });
    expect(result.context.requestId).toBe('req-1');
  });

  it('leaves the status unset when the template does not override it', () => {
    expect(renderTemplate('ok', request).context.responseOverride).toEqual({ header: {} });
  });

  it('does not mutate the caller context', () => {
    const context = { requestId: 'r', identity: { sourceIp: '1.1.1.1' } };
    renderTemplate('#set($context.identity.sourceIp = "x")', { body: '', context });
    expect(context.identity.sourceIp).toBe('1.1.1.1');
  });
});

describe('VTL renderer: java.lang.String methods', () => {
  it.each([
    ['#set($s = "héllo")$s.length()', '5'],
    ['#set($s = "")$s.isEmpty()', 'true'],
    ['#set($s = "webhook")$s.contains("hook")', 'true'],
    ['#set($s = "a")$s.equals("a") $s.equals("b")', 'true false'],
    ['#set($s = "Stripe")$s.equalsIgnoreCase("STRIPE")', 'true'],
    ['#set($s = " \t x \u0001")[$s.trim()]', '[x]'],
    ['#set($s = "MiXeD")$s.toLowerCase() $s.toUpperCase()', 'mixed MIXED'],
    ['#set($s = "prefix-rest")$s.startsWith("prefix") $s.endsWith("rest")', 'true true'],
    ['#set($s = "a.b.c")$s.indexOf(".") $s.lastIndexOf(".")', '1 3'],
    ['#set($s = "abcdef")$s.substring(2) $s.substring(1, 3) $s.charAt(0)', 'cdef bc a'],
    ['#set($s = "a.b")$s.replace(".", "-")', 'a-b'],
    ['#set($s = "a.b")$s.replaceAll(".", "-")', '---'],
    ['#set($s = "a.b.c")$s.replaceFirst("\\.", "-")', 'a-b.c'],
    ['#set($s = "acme-post")$s.matches("[a-z-]+")', 'true'],
    ['#set($s = "a,b,,")$s.split(",").size()', '2'],
    ['#set($s = "a")$s.concat("b")', 'ab'],
  ])('%s renders %j', (template, expected) => {
    expect(render(template)).toBe(expected);
  });

  it('keeps "\\\\\'" as three characters, the Java regex for backslash-apostrophe', () => {
    expect(render(`#set($sq = "\\\\'")$util.escapeJavaScript("it's").replaceAll($sq, "'")`)).toBe("it's");
  });

  it('throws on an index Java would reject', () => {
    expect(() => render('#set($s = "abc")$s.substring(5)')).toThrow(/index out of range/);
  });
});

describe('VTL renderer: templates', () => {
  it('supports #if, #foreach and unresolved references as on the JVM', () => {
    const template =
      "#foreach($item in $input.path('$.items'))$item.sku#if($foreach.hasNext),#end#end $missing $!missing.";
    expect(render(template)).toBe('a,b $missing .');
  });

  it('reports a template that does not parse', () => {
    expect(() => render('#if($x')).toThrow(VtlSyntaxError);
  });
});

describe('VTL renderer: Velocity 1.7 truth rules', () => {
  it.each([
    ['#set($e = "")#if($e)T#{else}F#end', 'T'],
    ['#set($z = 0)#if($z)T#{else}F#end', 'T'],
    ['#if($missing)T#{else}F#end', 'F'],
    ['#set($f = false)#if($f)T#elseif(!$f)N#{else}F#end', 'N'],
    ['#set($e = "")#if($e && $missing)T#{else}F#end', 'F'],
    ['#if($missing || "")T#{else}F#end', 'T'],
    ['#set($e = "")#if("$!e" != "")T#{else}F#end', 'F'],
  ])('%s renders %s: only null and false are false', (template, expected) => {
    expect(render(template)).toBe(expected);
  });
});
