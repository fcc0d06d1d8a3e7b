/**
 * The flexible checksums S3 accepts (x-amz-checksum-*): CRC32, CRC32C, SHA1, SHA256, all base64
 * of the big-endian digest. CRC tables are built once; Node 20 has no zlib.crc32.
 */
import { createHash } from 'node:crypto';

function crcTable(polynomial: number): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? polynomial ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

const CRC32_TABLE = crcTable(0xedb88320);
const CRC32C_TABLE = crcTable(0x82f63b78);

function crc(table: Uint32Array, bytes: Uint8Array): Buffer {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = table[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  const out = Buffer.alloc(4);
  out.writeUInt32BE((c ^ 0xffffffff) >>> 0);
  return out;
}

export type ChecksumAlgorithm = 'CRC32' | 'CRC32C' | 'SHA1' | 'SHA256';

export const CHECKSUM_ALGORITHMS: readonly ChecksumAlgorithm[] = ['CRC32', 'CRC32C', 'SHA1', 'SHA256'];

export function checksum(algorithm: ChecksumAlgorithm, bytes: Uint8Array): string {
  switch (algorithm) {
    case 'CRC32':
      return crc(CRC32_TABLE, bytes).toString('base64');
    case 'CRC32C':
      return crc(CRC32C_TABLE, bytes).toString('base64');
    case 'SHA1':
      return createHash('sha1').update(bytes).digest('base64');
    case 'SHA256':
      return createHash('sha256').update(bytes).digest('base64');
  }
}

/** `x-amz-checksum-crc32` → `CRC32`; undefined for headers that are not a known checksum. */
export function algorithmOfHeader(header: string): ChecksumAlgorithm | undefined {
  const match = /^x-amz-checksum-(crc32c?|sha1|sha256)$/i.exec(header.trim());
  return match ? (match[1]!.toUpperCase() as ChecksumAlgorithm) : undefined;
}
