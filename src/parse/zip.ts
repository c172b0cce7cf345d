import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { pipeline } from "node:stream";
import { crc32, createInflateRaw } from "node:zlib";

// A small random-access zip reader for XLSX input. Reading the central directory first (rather than streaming
// local headers the way unzipper does) lets the reader refuse a zip bomb before inflating anything, read the
// parts it needs in the order it needs them (workbook, shared strings, then one sheet), and check every inflated
// byte against the size and CRC the directory declares, so a damaged file is an error, never a hang.

/** A zip that cannot be read: truncated, damaged, a bomb, or using features an XLSX never uses. */
export class ZipError extends Error {
  override name = "ZipError";
}

export interface ZipEntry {
  /** As stored, with `\` turned into `/`. */
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export interface ZipLimits {
  /** Sum of the declared uncompressed sizes. */
  maxTotalBytes: number;
  /** Declared uncompressed / compressed size, checked on entries larger than ratioCheckAbove. */
  maxRatio: number;
  ratioCheckAbove: number;
}

export const ZIP_LIMITS: ZipLimits = {
  maxTotalBytes: 1024 * 1024 * 1024,
  // Real worksheets compress 5:1 to 30:1; deflate's ceiling is about 1032:1.
  maxRatio: 200,
  ratioCheckAbove: 10 * 1024 * 1024,
};

const MiB = 1024 * 1024;
const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const MAX_DIRECTORY_BYTES = 64 * MiB;

/**
 * Why a set of entries must not be inflated, from the sizes the central directory declares; undefined when they
 * are within bounds. Pure, for tests. The declared sizes are then enforced while inflating (see ZipArchive.read).
 */
export function checkZipBounds(
  entries: readonly ZipEntry[],
  limits: ZipLimits = ZIP_LIMITS,
): string | undefined {
  let total = 0;
  for (const e of entries) {
    total += e.uncompressedSize;
    if (
      e.uncompressedSize > limits.ratioCheckAbove &&
      e.uncompressedSize > limits.maxRatio * Math.max(e.compressedSize, 1)
    )
      return `${e.name} would inflate from ${formatBytes(e.compressedSize)} to ${formatBytes(e.uncompressedSize)} (more than ${limits.maxRatio}:1); refusing a likely zip bomb`;
  }
  if (total > limits.maxTotalBytes)
    return `its parts would inflate to ${formatBytes(total)}, more than the ${formatBytes(limits.maxTotalBytes)} this tool reads`;
  return undefined;
}

function formatBytes(n: number): string {
  if (n >= 1024 * MiB) return `${(n / (1024 * MiB)).toFixed(1)} GiB`;
  if (n >= MiB) return `${(n / MiB).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}

/** Entry names of the central directory, parsed from its raw bytes. Pure, for tests. */
export function parseCentralDirectory(dir: Buffer, expected: number): ZipEntry[] {
  const entries: ZipEntry[] = [];
  let pos = 0;
  while (pos + 46 <= dir.length && dir.readUInt32LE(pos) === SIG_CENTRAL) {
    const flags = dir.readUInt16LE(pos + 8);
    const method = dir.readUInt16LE(pos + 10);
    const crc = dir.readUInt32LE(pos + 16);
    let compressedSize = dir.readUInt32LE(pos + 20);
    let uncompressedSize = dir.readUInt32LE(pos + 24);
    const nameLength = dir.readUInt16LE(pos + 28);
    const extraLength = dir.readUInt16LE(pos + 30);
    const commentLength = dir.readUInt16LE(pos + 32);
    let localHeaderOffset = dir.readUInt32LE(pos + 42);
    const end = pos + 46 + nameLength + extraLength + commentLength;
    if (end > dir.length) throw new ZipError("its zip directory is cut short");
    const name = dir.toString("utf8", pos + 46, pos + 46 + nameLength).replace(/\\/g, "/");
    // ZIP64: a field of all ones means "see the extra field", in this order.
    if (
      compressedSize === 0xffffffff ||
      uncompressedSize === 0xffffffff ||
      localHeaderOffset === 0xffffffff
    ) {
      const extra = dir.subarray(pos + 46 + nameLength, pos + 46 + nameLength + extraLength);
      let at = findExtra(extra, 0x0001);
      if (at === undefined) throw new ZipError(`the zip directory entry for ${name} is incomplete`);
      const take = (): number => {
        if (at === undefined || at + 8 > extra.length)
          throw new ZipError(`the zip directory entry for ${name} is incomplete`);
        const v = Number(extra.readBigUInt64LE(at));
        at += 8;
        return v;
      };
      if (uncompressedSize === 0xffffffff) uncompressedSize = take();
      if (compressedSize === 0xffffffff) compressedSize = take();
      if (localHeaderOffset === 0xffffffff) localHeaderOffset = take();
    }
    entries.push({
      name,
      method,
      flags,
      crc32: crc,
      compressedSize,
      uncompressedSize,
      localHeaderOffset,
    });
    pos = end;
  }
  if (entries.length !== expected)
    throw new ZipError(`its zip directory lists ${entries.length} of the ${expected} entries it announces`);
  return entries;
}

function findExtra(extra: Buffer, id: number): number | undefined {
  let p = 0;
  while (p + 4 <= extra.length) {
    const size = extra.readUInt16LE(p + 2);
    if (extra.readUInt16LE(p) === id) return p + 4;
    p += 4 + size;
  }
  return undefined;
}

/** A zip file on disk, its directory read once; entries are inflated on demand, each read on its own stream. */
export class ZipArchive {
  private readonly byName: Map<string, ZipEntry>;

  private constructor(
    readonly file: string,
    readonly entries: readonly ZipEntry[],
    private readonly dataEnd: number,
  ) {
    // Part names in an OPC package are case-insensitive.
    this.byName = new Map(entries.map((e) => [e.name.replace(/^\//, "").toLowerCase(), e]));
  }

  /** Reads the directory; throws ZipError for a truncated or damaged zip or one beyond the limits. */
  static async open(file: string, limits: ZipLimits = ZIP_LIMITS): Promise<ZipArchive> {
    const handle = await open(file, "r");
    try {
      const { size } = await handle.stat();
      const read = async (position: number, length: number): Promise<Buffer> => {
        const buf = Buffer.alloc(length);
        const { bytesRead } = await handle.read(buf, 0, length, position);
        return buf.subarray(0, bytesRead);
      };
      const tailLength = Math.min(size, 22 + 0xffff);
      const tail = await read(size - tailLength, tailLength);
      const eocd = findEndOfDirectory(tail);
      if (eocd === undefined)
        throw new ZipError("the zip directory at its end is missing: the file is truncated or damaged");
      const eocdOffset = size - tailLength + eocd;
      if (tail.readUInt16LE(eocd + 4) !== 0 || tail.readUInt16LE(eocd + 6) !== 0)
        throw new ZipError("it is a multi-part zip archive");
      let count = tail.readUInt16LE(eocd + 10);
      let dirSize = tail.readUInt32LE(eocd + 12);
      let dirOffset = tail.readUInt32LE(eocd + 16);
      if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) {
        const locator = eocd >= 20 ? tail.subarray(eocd - 20, eocd) : Buffer.alloc(0);
        if (locator.length < 20 || locator.readUInt32LE(0) !== SIG_ZIP64_LOCATOR)
          throw new ZipError("its ZIP64 directory is missing: the file is truncated or damaged");
        const record = await read(Number(locator.readBigUInt64LE(8)), 56);
        if (record.length < 56 || record.readUInt32LE(0) !== SIG_ZIP64_EOCD)
          throw new ZipError("its ZIP64 directory is damaged");
        count = Number(record.readBigUInt64LE(32));
        dirSize = Number(record.readBigUInt64LE(40));
        dirOffset = Number(record.readBigUInt64LE(48));
      }
      if (dirOffset + dirSize > eocdOffset)
        throw new ZipError(
          "its zip directory points past the end of the file: the file is truncated or damaged",
        );
      if (dirSize > MAX_DIRECTORY_BYTES) throw new ZipError("its zip directory is implausibly large");
      const entries = parseCentralDirectory(await read(dirOffset, dirSize), count);
      const problem = checkZipBounds(entries, limits);
      if (problem !== undefined) throw new ZipError(problem);
      for (const e of entries)
        if (e.localHeaderOffset + 30 + e.compressedSize > dirOffset)
          throw new ZipError(`${e.name} runs past the zip directory: the file is damaged`);
      return new ZipArchive(file, entries, dirOffset);
    } finally {
      await handle.close();
    }
  }

  get(name: string): ZipEntry | undefined {
    return this.byName.get(name.replace(/^\//, "").toLowerCase());
  }

  /**
   * The entry's bytes, inflated in chunks. Every chunk is counted against the size the directory declares (so a
   * lying directory cannot smuggle a bomb past checkZipBounds) and the CRC is checked at the end. Breaking out of
   * the loop closes the file.
   */
  async *read(entry: ZipEntry): AsyncGenerator<Buffer> {
    if (entry.flags & 0x1) throw new ZipError(`${entry.name} is encrypted`);
    if (entry.method !== 0 && entry.method !== 8)
      throw new ZipError(
        `${entry.name} uses zip compression method ${entry.method}, which this tool does not read`,
      );
    const start = await this.dataStart(entry);
    if (start + entry.compressedSize > this.dataEnd)
      throw new ZipError(`${entry.name} runs past the zip directory: the file is damaged`);
    let total = 0;
    let crc = 0;
    if (entry.compressedSize > 0) {
      const source = createReadStream(this.file, {
        start,
        end: start + entry.compressedSize - 1,
        highWaterMark: 64 * 1024,
      });
      let chunks: AsyncIterable<Buffer> = source;
      let inflater: ReturnType<typeof createInflateRaw> | undefined;
      if (entry.method === 8) {
        inflater = createInflateRaw({ chunkSize: 64 * 1024 });
        // pipeline carries a read error into the inflater, whose iteration then throws it.
        pipeline(source, inflater, () => undefined);
        chunks = inflater;
      }
      try {
        for await (const chunk of chunks) {
          total += chunk.length;
          if (total > entry.uncompressedSize)
            throw new ZipError(
              `${entry.name} inflates to more than the ${entry.uncompressedSize} bytes its zip directory declares (damaged, or a zip bomb)`,
            );
          crc = crc32(chunk, crc);
          yield chunk;
        }
      } catch (err) {
        if (err instanceof ZipError) throw err;
        const code = (err as NodeJS.ErrnoException).code;
        if (code !== undefined && code.startsWith("Z_"))
          throw new ZipError(
            `${entry.name} cannot be inflated (${(err as Error).message}): the file is damaged`,
          );
        throw err;
      } finally {
        inflater?.destroy();
        source.destroy();
      }
    }
    if (total !== entry.uncompressedSize)
      throw new ZipError(
        `${entry.name} inflates to ${total} bytes, its zip directory says ${entry.uncompressedSize}: the file is truncated or damaged`,
      );
    if (crc !== entry.crc32) throw new ZipError(`${entry.name} fails its checksum: the file is damaged`);
  }

  /** The whole entry in memory, for small parts (the `mimetype` of an OpenDocument file). */
  async readAll(entry: ZipEntry): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of this.read(entry)) chunks.push(chunk);
    return Buffer.concat(chunks);
  }

  private async dataStart(entry: ZipEntry): Promise<number> {
    const handle = await open(this.file, "r");
    try {
      const header = Buffer.alloc(30);
      const { bytesRead } = await handle.read(header, 0, 30, entry.localHeaderOffset);
      if (bytesRead < 30 || header.readUInt32LE(0) !== SIG_LOCAL)
        throw new ZipError(`the local header of ${entry.name} is missing: the file is damaged`);
      return entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    } finally {
      await handle.close();
    }
  }
}

/** Offset of the end-of-central-directory record in the file's tail, searching back over a possible comment. */
function findEndOfDirectory(tail: Buffer): number | undefined {
  for (let p = tail.length - 22; p >= 0; p--) {
    if (tail.readUInt32LE(p) === SIG_EOCD && p + 22 + tail.readUInt16LE(p + 20) <= tail.length) return p;
  }
  return undefined;
}
