/**
 * The parameter reference of {@link DispatchConfig}, generated from the same metadata the validator
 * uses ({@link DISPATCH_CONFIG_SCHEMA}), so the README cannot drift from the code.
 */
import { ConfigParam, type ConfigLeaf } from './config-param.js';
import { DISPATCH_CONFIG_SCHEMA, joinPath, type SchemaNode } from './dispatch-config.js';

/** One row of the parameter reference. */
export interface DispatchConfigParamRow {
  /** Full path, e.g. `pricing.surge.maxMultiplier`. */
  readonly path: string;
  /** Type and range, e.g. `integer in [1, 3600]`, `number in [1, 5]`, `boolean`, `{ fromM, centsPerKm }[]`. */
  readonly type: string;
  /** The default value. */
  readonly defaultValue: ConfigLeaf;
  /** What the parameter does, with its unit and rules. */
  readonly meaning: string;
}

/** Every parameter of {@link DispatchConfig}, in schema order (section by section). */
export function listDispatchConfigParams(): DispatchConfigParamRow[] {
  const rows: DispatchConfigParamRow[] = [];
  const walk = (node: SchemaNode, path: string): void => {
    if (node instanceof ConfigParam) {
      rows.push({ path, type: node.type, defaultValue: node.defaultValue, meaning: node.meaning });
      return;
    }
    for (const [key, child] of Object.entries(node)) walk(child, joinPath(path, key));
  };
  walk(DISPATCH_CONFIG_SCHEMA as unknown as SchemaNode, '');
  return rows;
}

/**
 * The parameter reference as a Markdown table (`| Path | Type | Default | Meaning |`, the type with
 * its allowed range), one row per
 * leaf of {@link DEFAULT_DISPATCH_CONFIG}. Defaults are JSON, as they are written in a config file.
 */
export function renderDispatchConfigTable(): string {
  const lines = ['| Path | Type | Default | Meaning |', '|---|---|---|---|'];
  for (const row of listDispatchConfigParams()) {
    const cells = [`\`${row.path}\``, `\`${row.type}\``, `\`${JSON.stringify(row.defaultValue)}\``, row.meaning];
    lines.push(`| ${cells.map(escapeCell).join(' | ')} |`);
  }
  return `${lines.join('\n')}\n`;
}

/** A Markdown table cell: pipes escaped, no line breaks. */
function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}
