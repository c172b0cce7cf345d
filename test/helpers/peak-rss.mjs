// Loaded with `node --import` into a child process under test: when the process exits, it writes its peak resident
// memory (KiB) to the file PEAK_RSS_FILE names, so a test can bound the memory a run of the real CLI takes. A
// process that aborts (out of memory) writes nothing.
import { writeFileSync } from "node:fs";

const out = process.env.PEAK_RSS_FILE;
if (out !== undefined && out !== "")
  process.on("exit", () => writeFileSync(out, String(process.resourceUsage().maxRSS)));
