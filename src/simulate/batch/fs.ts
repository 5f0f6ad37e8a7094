/**
 * The simulated script's disk: an in-memory file system with Windows path rules (drive
 * letters, `\` and `/` separators, `.` and `..`, case-insensitive names that keep the case
 * they were created with). Nothing here touches the real file system.
 */

/** Resolves `path` against the directory `cwd` into an absolute, normalized Windows path. */
export function resolveWindowsPath(cwd: string, path: string): string {
  let p = path.replace(/\//g, "\\");
  let drive: string;
  let rest: string;
  if (/^[A-Za-z]:/.test(p)) {
    drive = p.slice(0, 2);
    p = p.slice(2);
    if (p.startsWith("\\")) rest = p;
    else if (cwd.slice(0, 2).toLowerCase() === drive.toLowerCase()) rest = `${cwd.slice(2)}\\${p}`;
    else rest = `\\${p}`;
  } else if (p.startsWith("\\\\")) {
    return p;
  } else {
    drive = cwd.slice(0, 2);
    rest = p.startsWith("\\") ? p : `${cwd.slice(2)}\\${p}`;
  }
  const parts: string[] = [];
  for (const part of rest.split("\\")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return `${drive}\\${parts.join("\\")}`;
}

/** The directory part of an absolute path, with its trailing backslash (`C:\a\` for `C:\a\b`). */
export function directoryOf(fullPath: string): string {
  return fullPath.slice(0, fullPath.lastIndexOf("\\") + 1);
}

/** Turns a `*`/`?` file pattern into a case-insensitive matcher for one name. */
function wildcardMatcher(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${body}$`, "i");
}

/** Files and directories by lower-cased absolute path. */
export class MemoryFileSystem {
  private readonly files = new Map<string, { path: string; content: string }>();
  private readonly dirs = new Set<string>();

  /**
   * `writesMakeFolders`: a world that models no folders (World.folders undefined), where a
   * file is written wherever a script writes it, as the PowerShell simulator does.
   */
  constructor(
    initialDirs: string[],
    private readonly writesMakeFolders = false,
  ) {
    for (const dir of initialDirs) this.addDirectory(dir);
  }

  /** Creates a directory and its parents. */
  addDirectory(fullPath: string): void {
    let p = fullPath.replace(/\\+$/, "");
    while (p.length > 2) {
      this.dirs.add(p.toLowerCase());
      p = p.slice(0, p.lastIndexOf("\\"));
    }
    this.dirs.add(`${p.toLowerCase()}`);
  }

  isDirectory(fullPath: string): boolean {
    return this.dirs.has(fullPath.replace(/\\+$/, "").toLowerCase());
  }

  isFile(fullPath: string): boolean {
    return this.files.has(fullPath.toLowerCase());
  }

  read(fullPath: string): string | undefined {
    return this.files.get(fullPath.toLowerCase())?.content;
  }

  /** Writes (or with `append`, extends) a file; false when its directory does not exist. */
  write(fullPath: string, content: string, append = false): boolean {
    if (this.writesMakeFolders) this.addDirectory(directoryOf(fullPath));
    if (!this.isDirectory(directoryOf(fullPath))) return false;
    const key = fullPath.toLowerCase();
    const existing = this.files.get(key);
    if (existing) existing.content = append ? existing.content + content : content;
    else this.files.set(key, { path: fullPath, content });
    return true;
  }

  delete(fullPath: string): boolean {
    return this.files.delete(fullPath.toLowerCase());
  }

  /** Removes a directory; with `recursive`, also everything below it. False if it is missing or not empty. */
  removeDirectory(fullPath: string, recursive: boolean): boolean {
    const key = fullPath.replace(/\\+$/, "").toLowerCase();
    if (!this.dirs.has(key)) return false;
    const below = `${key}\\`;
    const inside = (path: string): boolean => path.startsWith(below);
    if (!recursive && ([...this.files.keys()].some(inside) || [...this.dirs].some(inside)))
      return false;
    for (const path of [...this.files.keys()]) if (inside(path)) this.files.delete(path);
    for (const dir of [...this.dirs]) if (inside(dir)) this.dirs.delete(dir);
    this.dirs.delete(key);
    return true;
  }

  /**
   * Whether `if exist "directory\pattern"` holds: a file matches, or the folder exists and the
   * pattern matches the "." entry every folder lists (`*`, `*.*`), which tells a folder.
   */
  anyMatch(directory: string, pattern: string): boolean {
    if (this.glob(directory, pattern).length > 0) return true;
    return this.isDirectory(directory) && wildcardMatcher(pattern).test(".");
  }

  /** Absolute paths of the files in `directory` whose names match the wildcard `pattern`. */
  glob(directory: string, pattern: string): string[] {
    const matcher = wildcardMatcher(pattern);
    const prefix = directory.toLowerCase();
    const found: string[] = [];
    for (const [key, file] of this.files) {
      if (directoryOf(key) !== prefix) continue;
      if (matcher.test(file.path.slice(directory.length))) found.push(file.path);
    }
    return found.sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1));
  }

  /** Every file by the path it was created with. */
  snapshot(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const file of this.files.values()) out[file.path] = file.content;
    return out;
  }
}
