import type { Node, Tree } from "web-tree-sitter";
import { finding, type LintFinding } from "./codes.js";

function walk(node: Node, visit: (node: Node) => void): void {
  visit(node);
  for (const child of node.children) if (child) walk(child, visit);
}

const at = (node: Node): [number, number] => [
  node.startPosition.row + 1,
  node.startPosition.column + 1,
];

/**
 * Lint rules for a PowerShell script. `tree` is its tree-sitter-powershell parse; `optionValues`
 * are the strings the options put into the script (RDL203 looks for them in "..." strings).
 */
export function lintPowerShell(
  text: string,
  tree: Tree,
  optionValues: readonly string[],
): LintFinding[] {
  const found: LintFinding[] = [];
  let hasShouldProcess = false;
  let logsOff: Node | undefined;
  walk(tree.rootNode, (node) => {
    if (node.type === "pipeline_chain_tail") {
      found.push(
        finding(
          "RDL201",
          ...at(node),
          "&& and || between pipelines need PowerShell 7; use if ($?)",
        ),
      );
    }
    if (node.type === "ERROR" && /^\s*\?/.test(node.text.replace(/^\$\w+/, ""))) {
      found.push(finding("RDL201", ...at(node), "?:, ?? and ?. need PowerShell 7; use if/else"));
    }
    if (node.type === "command") {
      const name = node.childForFieldName("command_name")?.text.toLowerCase() ?? "";
      const params = node.descendantsOfType("command_parameter").map((p) => p?.text.toLowerCase());
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
      if (/\[scriptblock\]::create/i.test(node.text)) {
        found.push(finding("RDL202", ...at(node), "[scriptblock]::Create runs a string as code"));
      }
    }
    if (
      node.type === "attribute" &&
      /^\[?\s*cmdletbinding/i.test(node.text) &&
      /SupportsShouldProcess/i.test(node.text)
    ) {
      hasShouldProcess = true;
    }
    if (node.type === "expandable_string_literal") {
      const value = optionValues.find((v) => v !== "" && node.text.includes(v));
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
