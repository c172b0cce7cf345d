import { pipeline, type Readable, type TransformOptions } from "node:stream";
import { crc32, createInflateRaw, type ZlibOptions } from "node:zlib";
import { open as openYauzl, type Entry, type Options, type ZipFile } from "yauzl";

// The zip layer under XLSX input, on yauzl: it reads the central directory first (never trusting local headers
// the way a streaming unzip must), so a zip bomb is refused from the sizes the directory declares before anything
// is inflated, and the parts are read in the order the workbook needs them (workbook, shared strings, then one
// sheet). What yauzl leaves to its callers is kept here: the bounds on what a file may inflate to, the CRC check
// (yauzl checks sizes, not checksums), and one-line messages a person can act on instead of yauzl's.

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
  /** Entries in the central directory, and the directory's size: what is held in memory before any check. */
  maxEntries: number;
  maxDirectoryBytes: number;
}

const MiB = 1024 * 1024;

export const ZIP_LIMITS: ZipLimits = {
  maxTotalBytes: 1024 * MiB,
  // Real worksheets compress 5:1 to 30:1; deflate's ceiling is about 1032:1.
  maxRatio: 200,
  ratioCheckAbove: 10 * MiB,
  // A workbook has tens of parts, a few thousand with many images or comments.
  maxEntries: 100_000,
  maxDirectoryBytes: 64 * MiB,
};

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

// Names are decoded here rather than by yauzl (decodeStrings: false): as UTF-8 whatever the flag says, since some
// writers store UTF-8 part names without setting it and the relationships naming them are UTF-8; and without
// yauzl's file-name checks (absolute paths, `..`), which guard extracting to disk, something this reader never
// does: they would only refuse workbooks this reader has always opened.
const OPTIONS: Options = {
  lazyEntries: true,
  autoClose: false,
  decodeStrings: false,
  validateEntrySizes: true,
};

/** An errno error (a missing or unreadable file) is passed on as it is; the caller words it. */
function isFsError(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === "string" && !code.startsWith("Z_");
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** yauzl.open, its refusals turned into ZipErrors. */
function openZip(file: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    openYauzl(file, OPTIONS, (err, zip) => {
      if (err === null) resolve(zip);
      else reject(isFsError(err) ? err : new ZipError(endOfDirectoryProblem(err.message)));
    });
  });
}

function endOfDirectoryProblem(message: string): string {
  if (/^End of central directory record signature not found/.test(message))
    return "the zip directory at its end is missing: the file is truncated or damaged";
  if (/^Invalid comment length/.test(message))
    return "its zip directory's end record is damaged, or bytes were added after it";
  if (/^multi-disk/.test(message)) return "it is a multi-part zip archive";
  if (/zip64/i.test(message) || message === "unexpected EOF")
    return "its ZIP64 directory is missing or damaged: the file is truncated or damaged";
  return `its zip directory is damaged (${message})`;
}

function directoryProblem(message: string, read: number, announced: number): string {
  if (/^invalid central directory file header signature/.test(message) || message === "unexpected EOF")
    return `its zip directory lists ${read} of the ${announced} entries it announces`;
  if (/^strong encryption/.test(message)) return "its parts are encrypted";
  if (/^compressed\/uncompressed size mismatch for stored file/.test(message))
    return "its zip directory gives an uncompressed part two different sizes: the file is damaged";
  return `its zip directory is damaged (${message})`;
}

function readProblem(entry: ZipEntry, err: unknown): unknown {
  if (err instanceof ZipError) return err;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const message = messageOf(err);
  if (code?.startsWith("Z_") === true)
    return new ZipError(`${entry.name} cannot be inflated (${message}): the file is damaged`);
  if (isFsError(err)) return err;
  // yauzl counts the inflated bytes against the directory (validateEntrySizes) and the raw bytes against the
  // compressed size, in the same words: only the first is about what the entry inflates to.
  const declared = `${entry.uncompressedSize}`;
  const over = /^too many bytes in the stream\. expected (\d+)\./.exec(message);
  if (over?.[1] === declared) return overflow(entry);
  const short = /^not enough bytes in the stream\. expected (\d+)\. got only (\d+)/.exec(message);
  if (short?.[1] === declared) return shortfall(entry, Number(short[2]));
  if (/^invalid local file header signature/.test(message))
    return new ZipError(`the local header of ${entry.name} is missing: the file is damaged`);
  if (/^file data overflows file bounds/.test(message) || short !== null || over !== null)
    return new ZipError(`${entry.name} runs past the end of the file: the file is truncated or damaged`);
  return new ZipError(`${entry.name} cannot be read (${message}): the file is damaged`);
}

function overflow(entry: ZipEntry): ZipError {
  return new ZipError(
    `${entry.name} inflates to more than the ${entry.uncompressedSize} bytes its zip directory declares (damaged, or a zip bomb)`,
  );
}

function shortfall(entry: ZipEntry, total: number): ZipError {
  return new ZipError(
    `${entry.name} inflates to ${total} bytes, its zip directory says ${entry.uncompressedSize}: the file is truncated or damaged`,
  );
}

// The XML readers are fed 64 KiB at a time (the inflating stream's chunks, gathered again if smaller): 16 KiB chunks
// would quadruple the per-chunk work of the parsers, and a header scan, which stops after its first chunk of rows,
// would no longer see damaged XML in a small sheet before any row is used.
const CHUNK_BYTES = 64 * 1024;

async function* rechunk(source: AsyncIterable<Buffer>, size: number): AsyncGenerator<Buffer> {
  let parts: Buffer[] = [];
  let length = 0;
  for await (const chunk of source) {
    parts.push(chunk);
    length += chunk.length;
    if (length >= size) {
      yield parts.length === 1 ? chunk : Buffer.concat(parts, length);
      parts = [];
      length = 0;
    }
  }
  if (length > 0) yield Buffer.concat(parts, length);
}

/**
 * The entry's data stream, inflated and counted against its declared size. `raw` comes from an earlier opening
 * of the file: yauzl's low-level calls are the ones it documents for reading after closing and reopening. The
 * inflating is ours rather than yauzl's: its zlib stream's 16 KiB chunks and buffer made each 64 KiB the reader
 * asks for wait on round trips to zlib's thread (over a second of a 200,000-row sheet's reading); here chunks are
 * 64 KiB and up to four are inflated ahead.
 */
async function openEntry(zip: ZipFile, raw: Entry): Promise<Readable> {
  const { fileDataStart } = await zip.readLocalFileHeaderPromise(raw, { minimal: true });
  const stored = await new Promise<Readable>((resolve, reject) => {
    zip.openReadStreamLowLevel(
      fileDataStart,
      raw.compressedSize,
      0,
      raw.compressedSize,
      false,
      raw.uncompressedSize,
      (err, stream) => (err === null ? resolve(stream) : reject(err)),
    );
  });
  if (raw.compressionMethod !== 8) return stored;
  // zlib streams take Transform's options too, though @types/node does not say so.
  const options: ZlibOptions & Pick<TransformOptions, "readableHighWaterMark"> = {
    chunkSize: CHUNK_BYTES,
    readableHighWaterMark: 4 * CHUNK_BYTES,
  };
  const inflate = createInflateRaw(options);
  // A read error of the file reaches the reader through the inflating stream; destroying that closes the file.
  pipeline(stored, inflate, () => undefined);
  return inflate;
}

/**
 * A zip file on disk, its directory read once; entries are inflated on demand, each read on its own stream. The
 * file is opened again for each read and closed when the read ends or is abandoned, so a table whose rows are
 * never read to the end holds no file open.
 */
export class ZipArchive {
  private readonly byName: Map<string, ZipEntry>;

  private constructor(
    readonly file: string,
    readonly entries: readonly ZipEntry[],
    private readonly raw: ReadonlyMap<ZipEntry, Entry>,
  ) {
    // Part names in an OPC package are case-insensitive.
    this.byName = new Map(entries.map((e) => [e.name.replace(/^\//, "").toLowerCase(), e]));
  }

  /** Reads the directory; throws ZipError for a truncated or damaged zip or one beyond the limits. */
  static async open(file: string, limits: ZipLimits = ZIP_LIMITS): Promise<ZipArchive> {
    const zip = await openZip(file);
    try {
      if (zip.entryCount > limits.maxEntries)
        throw new ZipError(
          `its zip directory lists ${zip.entryCount} entries, more than the ${limits.maxEntries} this tool reads`,
        );
      const entries: ZipEntry[] = [];
      const raw = new Map<ZipEntry, Entry>();
      let directoryBytes = 0;
      try {
        for await (const e of zip.eachEntry()) {
          directoryBytes += 46 + e.fileNameLength + e.extraFieldLength + e.fileCommentLength;
          if (directoryBytes > limits.maxDirectoryBytes)
            throw new ZipError("its zip directory is implausibly large");
          const entry: ZipEntry = {
            name: e.fileNameRaw.toString("utf8").replace(/\\/g, "/"),
            method: e.compressionMethod,
            flags: e.generalPurposeBitFlag,
            crc32: e.crc32,
            compressedSize: e.compressedSize,
            uncompressedSize: e.uncompressedSize,
            localHeaderOffset: e.relativeOffsetOfLocalHeader,
          };
          entries.push(entry);
          raw.set(entry, e);
        }
      } catch (err) {
        if (err instanceof ZipError || isFsError(err)) throw err;
        throw new ZipError(directoryProblem(messageOf(err), entries.length, zip.entryCount));
      }
      const problem = checkZipBounds(entries, limits);
      if (problem !== undefined) throw new ZipError(problem);
      return new ZipArchive(file, entries, raw);
    } finally {
      zip.close();
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
    const raw = this.raw.get(entry);
    if (raw === undefined) throw new Error(`${entry.name} is not an entry of ${this.file}`);
    let total = 0;
    let crc = 0;
    // Nothing to inflate: an empty deflated entry would read as a truncated deflate stream.
    if (entry.compressedSize > 0) {
      let stream: Readable;
      const zip = await openZip(this.file);
      try {
        stream = await openEntry(zip, raw);
      } catch (err) {
        throw readProblem(entry, err);
      } finally {
        // The file stays open until the stream ends or is destroyed.
        zip.close();
      }
      try {
        for await (const chunk of rechunk(stream as AsyncIterable<Buffer>, CHUNK_BYTES)) {
          total += chunk.length;
          if (total > entry.uncompressedSize) throw overflow(entry);
          crc = crc32(chunk, crc);
          yield chunk;
        }
      } catch (err) {
        throw readProblem(entry, err);
      } finally {
        stream.destroy();
      }
    }
    if (total !== entry.uncompressedSize) throw shortfall(entry, total);
    if (crc !== entry.crc32) throw new ZipError(`${entry.name} fails its checksum: the file is damaged`);
  }

  /** The whole entry in memory, for small parts (the `mimetype` of an OpenDocument file). */
  async readAll(entry: ZipEntry): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of this.read(entry)) chunks.push(chunk);
    return Buffer.concat(chunks);
  }
}
