/**
 * Object tags as a pure engine (no I/O): the tag set read from its two wire forms, the
 * `x-amz-tagging` header of PutObject, CopyObject and CreateMultipartUpload (URL query encoding,
 * `k1=v1&k2=v2`) and the `<Tagging><TagSet>` body of PutObjectTagging, checked against S3's limits:
 * at most 10 tags, unique keys of 1 to 128 characters, values of 0 to 256, counted in UTF-16 code
 * units as S3 does, of letters, digits, spaces and `_ . : / = + - @`, and no key starting `aws:`.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-tagging.html
 */
import { unescapeXml } from '../../protocol/xml';
import { BadRequest, InvalidArgument, InvalidTag, MalformedXML } from './errors';

export interface Tag {
  key: string;
  value: string;
}

const MAX_TAGS = 10;
const MAX_KEY_LENGTH = 128;
const MAX_VALUE_LENGTH = 256;
/** The characters AWS allows in a user-defined tag; JavaScript's length counts UTF-16 units. */
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/**
 * The tags of an `x-amz-tagging` header, or undefined without one. A pair without `=` is a key
 * with an empty value and empty pairs are skipped (S3 accepts `k` and `&`); an empty key, a bad
 * `%` escape or a repeated key refuse the whole header, as S3 does, with InvalidArgument.
 */
export function parseTaggingHeader(header: string | string[] | undefined): Tag[] | undefined {
  if (header === undefined) return undefined;
  const text = String(header);
  const tags: Tag[] = [];
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const at = pair.indexOf('=');
    const key = decodeQueryPart(at < 0 ? pair : pair.slice(0, at), text);
    const value = decodeQueryPart(at < 0 ? '' : pair.slice(at + 1), text);
    if (key === '' || tags.some((t) => t.key === key)) throw badHeader(text);
    tags.push({ key, value });
  }
  checkTags(tags);
  return tags;
}

function decodeQueryPart(part: string, header: string): string {
  try {
    return decodeURIComponent(part.replace(/\+/g, ' '));
  } catch {
    throw badHeader(header);
  }
}

function badHeader(header: string): InvalidArgument {
  return new InvalidArgument(
    "The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded URL query parameters without tag name duplicates.",
    'x-amz-tagging',
    header,
  );
}

/** The tag set of a PutObjectTagging body: `<Tagging><TagSet><Tag><Key/><Value/></Tag>…`. */
export function parseTaggingXml(body: string): Tag[] {
  const tagging = elements(body, 'Tagging');
  if (tagging.length !== 1) throw new MalformedXML('the body needs one Tagging element');
  const sets = elements(tagging[0]!, 'TagSet');
  if (sets.length !== 1) throw new MalformedXML('Tagging needs one TagSet element');
  const tags = elements(sets[0]!, 'Tag').map((tag) => {
    const keys = elements(tag, 'Key');
    const values = elements(tag, 'Value');
    if (keys.length !== 1 || values.length !== 1)
      throw new MalformedXML('every Tag needs one Key and one Value');
    return { key: unescapeXml(keys[0]!), value: unescapeXml(values[0]!) };
  });
  checkTags(tags);
  return tags;
}

/**
 * The text of each `<name>` element, `<name/>` being empty (clients send an empty TagSet or Value
 * either way). Enough for the small Tagging body; attributes such as `xmlns` are allowed.
 */
function elements(xml: string, name: string): string[] {
  const re = new RegExp(`<${name}(?:\\s[^>]*?)?(?:/>|>([\\s\\S]*?)</${name}>)`, 'g');
  return [...xml.matchAll(re)].map((m) => m[1] ?? '');
}

/**
 * Refuses a tag set S3 would refuse. Each tag is checked in order before the count, the order in
 * which S3 reports problems; the count is BadRequest (not InvalidTag) on AWS.
 */
export function checkTags(tags: Tag[]): void {
  const seen = new Set<string>();
  for (const { key, value } of tags) {
    if (key === '' || !TAG_TEXT.test(key))
      throw new InvalidTag('The TagKey you have provided is invalid', key);
    if (key.length > MAX_KEY_LENGTH)
      throw new InvalidTag(`The TagKey you have provided is too long, max ${MAX_KEY_LENGTH}`, key);
    // AWS documents the lower-case prefix; other spellings pass here.
    if (key.startsWith('aws:')) throw new InvalidTag('Your TagKey cannot be prefixed with aws:', key);
    if (!TAG_TEXT.test(value)) throw new InvalidTag('The TagValue you have provided is invalid', key, value);
    if (value.length > MAX_VALUE_LENGTH)
      throw new InvalidTag(`The TagValue you have provided is too long, max ${MAX_VALUE_LENGTH}`, key, value);
    if (seen.has(key)) throw new InvalidTag('Cannot provide multiple Tags with the same key', key);
    seen.add(key);
  }
  if (tags.length > MAX_TAGS) throw new BadRequest(`Object tags cannot be greater than ${MAX_TAGS}`);
}
