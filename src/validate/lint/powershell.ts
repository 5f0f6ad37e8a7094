import type { PlainNode } from "../../grammars.js";
import { finding, type LintFinding } from "./codes.js";

function walk(node: PlainNode, visit: (node: PlainNode) => void): void {
  visit(node);
  for (const child of node.children) walk(child, visit);
}

function descendantsOfType(node: PlainNode, type: string, out: PlainNode[] = []): PlainNode[] {
  for (const child of node.children) {
    if (child.type === type) out.push(child);
    descendantsOfType(child, type, out);
  }
  return out;
}

const at = (node: PlainNode): [number, number] => [node.row + 1, node.column + 1];

/**
 * Lint rules for a PowerShell script. `root` is its tree-sitter-powershell parse; `optionValues`
 * are the strings the options put into the script (RDL203 looks for them in "..." strings).
 */
export function lintPowerShell(
  text: string,
  root: PlainNode,
  optionValues: readonly string[],
): LintFinding[] {
  const found: LintFinding[] = [];
  let hasShouldProcess = false;
  let logsOff: PlainNode | undefined;
  const textOf = (node: PlainNode): string => text.slice(node.start, node.end);
  walk(root, (node) => {
    if (node.type === "pipeline_chain_tail") {
      found.push(
        finding(
          "RDL201",
          ...at(node),
          "&& and || between pipelines need PowerShell 7; use if ($?)",
        ),
      );
    }
    if (node.type === "ERROR" && /^\s*\?/.test(textOf(node).replace(/^\$\w+/, ""))) {
      found.push(finding("RDL201", ...at(node), "?:, ?? and ?. need PowerShell 7; use if/else"));
    }
    if (node.type === "command") {
      const commandName = node.children.find((child) => child.field === "command_name");
      const name = commandName ? textOf(commandName).toLowerCase() : "";
      const params = descendantsOfType(node, "command_parameter").map((p) =>
        textOf(p).toLowerCase(),
      );
      if (name === "foreach-object" && params.includes("-parallel")) {
        found.push(finding("RDL201", ...at(node), "ForEach-Object -Parallel needs PowerShell 7"));
      }
      if (name === "invoke-expression" || name === "iex") {
        found.push(
          finding(
            "RDL202",
            ...at(node),
            `${name} runs a string as code; call the command directly`,
          ),
        );
      }
      if (name === "add-type") {
        found.push(
          finding(
            "RDL206",
            ...at(node),
            "Add-Type is blocked in Constrained Language Mode; use cmdlets and native tools",
          ),
        );
      }
      if (["logoff", "logoff.exe", "invoke-rduserlogoff"].includes(name)) logsOff ??= node;
    }
    if (node.type === "invokation_expression" || node.type === "invocation_expression") {
      if (/\[scriptblock\]::create/i.test(textOf(node))) {
        found.push(finding("RDL202", ...at(node), "[scriptblock]::Create runs a string as code"));
      }
    }
    if (
      node.type === "attribute" &&
      /^\[?\s*cmdletbinding/i.test(textOf(node)) &&
      /SupportsShouldProcess/i.test(textOf(node))
    ) {
      hasShouldProcess = true;
    }
    if (node.type === "expandable_string_literal") {
      const value = optionValues.find((v) => v !== "" && textOf(node).includes(v));
      if (value !== undefined) {
        found.push(
          finding(
            "RDL203",
            ...at(node),
            `"..." expands $ and backticks in the option value ${JSON.stringify(value)}; use a single-quoted string`,
          ),
        );
      }
    }
  });
  if (logsOff && !hasShouldProcess) {
    found.push(
      finding(
        "RDL204",
        ...at(logsOff),
        "logs sessions off without [CmdletBinding(SupportsShouldProcess)], so -WhatIf and -Confirm do nothing",
      ),
    );
  }
  const nonAscii = [...text].findIndex((ch) => ch.charCodeAt(0) > 0x7e);
  if (nonAscii >= 0 && !text.startsWith("\uFEFF") && !text.startsWith("\xef\xbb\xbf")) {
    const before = text.slice(0, nonAscii).split("\n");
    found.push(
      finding(
        "RDL205",
        before.length,
        (before.at(-1)?.length ?? 0) + 1,
        "non-ASCII without a BOM: Windows PowerShell 5.1 reads the file as ANSI",
      ),
    );
  }
  return found.sort((a, b) => a.line - b.line || a.column - b.column);
}
