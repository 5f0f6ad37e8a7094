/**
 * `[adsisearcher]'filter'`: a System.DirectoryServices.DirectorySearcher over the World's
 * directory (src/simulate/directory.ts). Its Filter and PageSize are properties a script
 * sets; FindAll() returns SearchResults whose Properties map lower-case attribute names to
 * their values, as ADSI's ResultPropertyCollection does.
 */
import { DirectoryError, searchDirectory } from "../directory.js";
import type { Directory } from "../types.js";
import { PowerShellError } from "./errors.js";
import { PsObject, toInt, toStr, type PsValue } from "./values.js";

const searcherType = "System.DirectoryServices.DirectorySearcher";

export class PsDirectorySearcher extends PsObject {
  constructor(
    private readonly directory: Directory | undefined,
    filter: string,
  ) {
    super("object", searcherType);
    this.set("Filter", filter);
    this.set("PageSize", 0);
  }

  /** `$searcher.FindAll()`; a failed search throws as a .NET method call does. */
  findAll(): PsValue[] {
    try {
      const entries = searchDirectory(
        this.directory,
        toStr(this.get("Filter") ?? null),
        toInt(this.get("PageSize") ?? null),
      );
      return entries.map((entry) => {
        const properties = new PsObject(
          "hashtable",
          "System.DirectoryServices.ResultPropertyCollection",
        );
        for (const [name, values] of Object.entries(entry.attributes)) {
          properties.set(
            name,
            values.map((value) => (typeof value === "string" ? value : [...value])),
          );
        }
        const result = new PsObject("object", "System.DirectoryServices.SearchResult");
        result.set("Properties", properties);
        return result;
      });
    } catch (error) {
      if (!(error instanceof DirectoryError)) throw error;
      throw new PowerShellError(
        `Exception calling "FindAll" with "0" argument(s): "${error.message}"`,
        "System.Management.Automation.MethodInvocationException",
      );
    }
  }
}
