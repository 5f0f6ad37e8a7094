import type { ProcessResult } from "../simulate/types.js";
import { firstErrorMessage } from "./errorText.js";
import { parseQuerySession } from "./querySession.js";
import { parseQueryUser } from "./queryUser.js";

/**
 * What the recorded tool run looked like to a script: a listing is stdout with exit code 0; an
 * error message (`Error 0x…`, `Error [n]:`, `No session exists for *`, `No User exists for *`)
 * is stderr with exit code 1, as quser/qwinsta do. A capture that PowerShell wrapped as a
 * NativeCommandError (`qwinsta.exe : No session exists for *` plus CategoryInfo lines) becomes
 * the tool's own line with CRLF, because that is all the tool wrote; the wrapper is PowerShell's.
 * Text that is neither (garbage) throws the `query session` parser's ListingError.
 */
export function listingProcessResult(text: string): ProcessResult {
  const found = firstErrorMessage(text);
  if (found !== undefined) {
    const { line, message } = found;
    const wrapped = !(text.split("\n")[line] ?? "").startsWith(message);
    return { stdout: "", stderr: wrapped ? `${message}\r\n` : text, exitCode: 1 };
  }
  try {
    parseQuerySession(text);
  } catch (sessionError) {
    try {
      parseQueryUser(text);
    } catch {
      throw sessionError;
    }
  }
  return { stdout: text, stderr: "", exitCode: 0 };
}
