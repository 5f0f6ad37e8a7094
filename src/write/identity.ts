import path from "node:path";
import { generatedFrom, generatedHeader, isGeneratedFile } from "../emit/header.js";
import {
  isGeneratedTaskXml,
  taskFileSuffix,
  taskInstallerGeneratedFrom,
  taskInstallerName,
  taskXmlGeneratedFrom,
  taskXmlHeader,
  taskXmlText,
} from "../emit/task.js";
import { scriptFormats } from "../targets/formats.js";

/** The script extensions rdlogoff writes. */
const scriptExtensions = new Set(scriptFormats.map((format) => `.${format.format}`));

/** Whether build may write a file of this name: a script, a task file or install-tasks.cmd. */
export function isOutputName(name: string): boolean {
  return (
    scriptExtensions.has(path.extname(name).toLowerCase()) ||
    name.endsWith(taskFileSuffix) ||
    name === taskInstallerName
  );
}

/** What a file in outDir says of where it came from. */
export interface FileIdentity {
  /** It starts with an rdlogoff header. */
  generated: boolean;
  /** The options file its header names, by its path from outDir. */
  from?: string;
  /** Its header up to "Do not edit": equal headers mean the same version, options file and options. */
  header?: string;
}

/** The identity of a script, task file or install-tasks.cmd from its bytes. */
export function identityOf(bytes: Buffer): FileIdentity {
  if (isGeneratedTaskXml(bytes)) {
    return { generated: true, from: taskXmlGeneratedFrom(bytes), header: taskXmlHeader(bytes) };
  }
  if (!isGeneratedFile(bytes)) return { generated: false };
  return {
    generated: true,
    from: generatedFrom(bytes) ?? taskInstallerGeneratedFrom(bytes),
    header: generatedHeader(bytes),
  };
}

/** The options files the artifacts' headers name (one, unless a caller mixes builds). */
export function optionsFilesOf(artifacts: readonly { bytes: Buffer }[]): Set<string> {
  const names = artifacts.map((a) => identityOf(a.bytes).from);
  return new Set(names.filter((name): name is string => name !== undefined));
}

/** Whether a file in outDir was generated from one of these options files. */
export function isOurs(identity: FileIdentity, optionsFiles: ReadonlySet<string>): boolean {
  return identity.generated && identity.from !== undefined && optionsFiles.has(identity.from);
}

/** A file's bytes as text for a diff: a task file decoded from UTF-16, any other byte for byte. */
export function diffText(bytes: Buffer | undefined): string {
  if (!bytes) return "";
  return taskXmlText(bytes) ?? bytes.toString("latin1");
}
