import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Handlebars from "handlebars";
import { templatesDir } from "../paths.js";

/**
 * The Handlebars environment of every template. `strict` makes a missing variable fail the
 * build instead of rendering empty; `noEscape` because HTML escaping means nothing in a
 * script: values are escaped for their target before they reach a template.
 */
const handlebars = Handlebars.create();
// A view field named like a built-in helper would call the helper and render nothing
// ({{log}} once emptied a log path); without them, strict mode reports the field instead.
handlebars.unregisterHelper("log");
handlebars.unregisterHelper("lookup");
const compiled = new Map<string, HandlebarsTemplateDelegate>();

function templatePath(name: string): string {
  return path.join(templatesDir, `${name}.hbs`);
}

/** Partials are the files whose name starts with `_`: `batch/_header.hbs` is `batch/header`. */
function registerPartials(): void {
  for (const folder of readdirSync(templatesDir, { withFileTypes: true })) {
    if (!folder.isDirectory()) continue;
    for (const file of readdirSync(path.join(templatesDir, folder.name))) {
      if (!file.startsWith("_") || !file.endsWith(".hbs")) continue;
      const source = readFileSync(path.join(templatesDir, folder.name, file), "utf8");
      handlebars.registerPartial(`${folder.name}/${file.slice(1, -4)}`, source);
    }
  }
}
registerPartials();

/** Renders `templates/<name>.hbs` with `view`. */
export function renderTemplate(name: string, view: object): string {
  let template = compiled.get(name);
  if (!template) {
    template = handlebars.compile(readFileSync(templatePath(name), "utf8"), {
      strict: true,
      noEscape: true,
    });
    compiled.set(name, template);
  }
  return template(view);
}
